using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Rpc;

namespace Vgi.Functions;

/// <summary>
/// The keys of an <see cref="InFilter"/> prepared for one column type: a hash set of the keys that
/// can equal a value of that type, converted exactly like comparison constants (an int32 key
/// matches an int64 column; 2.5 matches no integer). NULL keys are left out: they never match.
/// </summary>
internal abstract class KeySet
{
    private readonly IArrowType _columnType;

    protected KeySet(IArrowType columnType) => _columnType = columnType;

    public bool Matches(IArrowType type) => BatchCoercion.TypesEqual(type, _columnType);

    /// <summary>Clears the selected rows whose value is NULL or not a key.</summary>
    public abstract void Refine(IArrowArray column, Span<bool> selected);

    public static KeySet Build(InFilter filter, IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int8 => Integers<sbyte>(filter, type, IntegerDomain.Number(0)),
        ArrowTypeId.Int16 => Integers<short>(filter, type, IntegerDomain.Number(0)),
        ArrowTypeId.Int32 => Integers<int>(filter, type, IntegerDomain.Number(0)),
        ArrowTypeId.Int64 => Integers<long>(filter, type, IntegerDomain.Number(0)),
        ArrowTypeId.UInt8 => Integers<byte>(filter, type, IntegerDomain.Number(0)),
        ArrowTypeId.UInt16 => Integers<ushort>(filter, type, IntegerDomain.Number(0)),
        ArrowTypeId.UInt32 => Integers<uint>(filter, type, IntegerDomain.Number(0)),
        ArrowTypeId.UInt64 => Integers<ulong>(filter, type, IntegerDomain.Number(0)),
        ArrowTypeId.Decimal128 => Integers<Int128>(filter, type, IntegerDomain.Number(((Decimal128Type)type).Scale)),
        ArrowTypeId.Date32 => Integers<int>(filter, type, new IntegerDomain(ConstantKind.Instant, 0, FilterConstant.NanosPerDay)),
        ArrowTypeId.Date64 => Integers<long>(filter, type, new IntegerDomain(ConstantKind.Instant, 0, 1_000_000)),
        ArrowTypeId.Timestamp => Integers<long>(filter, type, new IntegerDomain(ConstantKind.Instant, 0, FilterConstant.Nanos(((TimestampType)type).Unit))),
        ArrowTypeId.Time32 => Integers<int>(filter, type, new IntegerDomain(ConstantKind.Time, 0, FilterConstant.Nanos(((Time32Type)type).Unit))),
        ArrowTypeId.Time64 => Integers<long>(filter, type, new IntegerDomain(ConstantKind.Time, 0, FilterConstant.Nanos(((Time64Type)type).Unit))),
        ArrowTypeId.Duration => Integers<long>(filter, type, new IntegerDomain(ConstantKind.Duration, 0, FilterConstant.Nanos(((DurationType)type).Unit))),
        ArrowTypeId.HalfFloat => new FloatKeys<Half>(filter, type),
        ArrowTypeId.Float => new FloatKeys<float>(filter, type),
        ArrowTypeId.Double => new FloatKeys<double>(filter, type),
        ArrowTypeId.Boolean => new BooleanKeys(filter, type),
        ArrowTypeId.String or ArrowTypeId.Binary or ArrowTypeId.LargeString or ArrowTypeId.LargeBinary
            or ArrowTypeId.StringView or ArrowTypeId.BinaryView or ArrowTypeId.FixedSizedBinary => new ByteKeys(filter, type),
        _ => throw new NotSupportedException($"cannot apply the filter {filter}: columns of type {type.Name} are not supported by the worker's filter evaluation"),
    };

    private static IntegerKeys<T> Integers<T>(InFilter filter, IArrowType type, IntegerDomain domain)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> => new(filter, type, domain);

    private static NotSupportedException Incompatible(InFilter filter, IArrowType type, FilterConstant key) =>
        new($"cannot apply the filter {filter}: column '{filter.ColumnName}' is {type.Name} but the keys are {key.Describe()}");

    private sealed class IntegerKeys<T> : KeySet where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        private readonly HashSet<T> _keys = [];

        public IntegerKeys(InFilter filter, IArrowType type, IntegerDomain domain)
            : base(type)
        {
            for (int k = 0; k < filter.Count; k++)
            {
                var key = filter.GetKey(k).Constant;
                if (key.Kind == ConstantKind.Null) continue;
                if (!key.TryToBound(domain, out _)) throw Incompatible(filter, type, key);
                if (ColumnPredicates.TryExact(key, domain, out T value)) _keys.Add(value);
            }
        }

        public override void Refine(IArrowArray column, Span<bool> selected)
        {
            var data = column.Data;
            var values = ColumnPredicates.Values<T>(data);
            var validity = data.Buffers[0].Span;
            bool nulls = data.GetNullCount() > 0;
            int offset = data.Offset;
            for (int i = 0; i < selected.Length; i++)
            {
                if (!selected[i]) continue;
                selected[i] = (!nulls || ColumnPredicates.IsValid(validity, offset + i)) && _keys.Contains(values[i]);
            }
        }
    }

    private sealed class FloatKeys<T> : KeySet where T : unmanaged, INumberBase<T>
    {
        private readonly HashSet<double> _keys = [];

        public FloatKeys(InFilter filter, IArrowType type)
            : base(type)
        {
            for (int k = 0; k < filter.Count; k++)
            {
                var key = filter.GetKey(k).Constant;
                if (key.Kind == ConstantKind.Null) continue;
                if (key.Kind is not (ConstantKind.Float or ConstantKind.Integer)) throw Incompatible(filter, type, key);
                _keys.Add(Canonical(key.ToDouble()));
            }
        }

        // One NaN and one zero, as DuckDB equates them.
        private static double Canonical(double value) => double.IsNaN(value) ? double.NaN : value == 0 ? 0.0 : value;

        public override void Refine(IArrowArray column, Span<bool> selected)
        {
            var data = column.Data;
            var values = ColumnPredicates.Values<T>(data);
            var validity = data.Buffers[0].Span;
            bool nulls = data.GetNullCount() > 0;
            int offset = data.Offset;
            for (int i = 0; i < selected.Length; i++)
            {
                if (!selected[i]) continue;
                selected[i] = (!nulls || ColumnPredicates.IsValid(validity, offset + i)) && _keys.Contains(Canonical(double.CreateTruncating(values[i])));
            }
        }
    }

    private sealed class BooleanKeys : KeySet
    {
        private readonly bool _true;
        private readonly bool _false;

        public BooleanKeys(InFilter filter, IArrowType type)
            : base(type)
        {
            for (int k = 0; k < filter.Count; k++)
            {
                var key = filter.GetKey(k).Constant;
                switch (key.Kind)
                {
                    case ConstantKind.Null: continue;
                    case ConstantKind.Boolean when key.Boolean: _true = true; break;
                    case ConstantKind.Boolean: _false = true; break;
                    default: throw Incompatible(filter, type, key);
                }
            }
        }

        public override void Refine(IArrowArray column, Span<bool> selected)
        {
            var data = column.Data;
            var bits = data.Buffers[1].Span;
            var validity = data.Buffers[0].Span;
            bool nulls = data.GetNullCount() > 0;
            int offset = data.Offset;
            for (int i = 0; i < selected.Length; i++)
            {
                if (!selected[i]) continue;
                bool valid = !nulls || ColumnPredicates.IsValid(validity, offset + i);
                selected[i] = valid && (ColumnPredicates.IsValid(bits, offset + i) ? _true : _false);
            }
        }
    }

    private sealed class ByteKeys : KeySet
    {
        private readonly HashSet<byte[]> _keys = new(ByteArrayComparer.Instance);

        public ByteKeys(InFilter filter, IArrowType type)
            : base(type)
        {
            for (int k = 0; k < filter.Count; k++)
            {
                var key = filter.GetKey(k).Constant;
                if (key.Kind == ConstantKind.Null) continue;
                if (key.Kind is not (ConstantKind.Utf8 or ConstantKind.Binary) || (key.Kind == ConstantKind.Utf8 && type.TypeId == ArrowTypeId.FixedSizedBinary))
                    throw Incompatible(filter, type, key);
                _keys.Add(key.Bytes!);
            }
        }

        public override void Refine(IArrowArray column, Span<bool> selected)
        {
            var lookup = _keys.GetAlternateLookup<ReadOnlySpan<byte>>();
            bool nulls = column.Data.GetNullCount() > 0;
            for (int i = 0; i < selected.Length; i++)
            {
                if (!selected[i]) continue;
                selected[i] = !(nulls && column.IsNull(i)) && lookup.Contains(ColumnPredicates.BytesAt(column, i));
            }
        }
    }

    /// <summary>Content equality for byte arrays, with span look-ups (no copy per row).</summary>
    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
