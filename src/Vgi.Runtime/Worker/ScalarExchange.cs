using Apache.Arrow;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// The data phase of a scalar <c>init</c>: an exchange whose input schema is the bind's
/// <c>input_schema</c> (<c>col_0..</c>) and whose output is <c>{result: T}</c>. Each input batch gets
/// exactly one output batch with the same row count (the client checks: vgi-functions §0 rule 9).
/// A kernel exception becomes an EXCEPTION batch; the server then ends the output, drains the input
/// and the worker goes back to its request loop, where the client reuses it (validation.md C3).
/// </summary>
internal sealed class ScalarExchange : RpcStream
{
    private readonly BoundScalar _bound;
    private readonly ScalarCallContext _context;

    public ScalarExchange(BoundScalar bound, BindRequest bindCall, RpcCallContext rpcContext, RecordBatch header)
        : base(bound.OutputSchema, bindCall.InputSchema ?? RpcSchemas.Empty)
    {
        _bound = bound;
        _context = new ScalarCallContext(bound.Definition.Name, rpcContext, bindCall.Settings, bindCall.Secrets);
        Header = header;
    }

    public override ValueTask ProcessAsync(RecordBatch input, IReadOnlyList<KeyValuePair<string, string>> inputMetadata, RpcStreamOutput output, RpcCallContext context)
    {
        // All-constant calls send batches with no columns. Over HTTP the row count can be lost and a
        // (0 columns, 0 rows) batch arrives: it stands for one row (vgi-functions §5.1 item 4).
        int rows = input.Length;
        var batch = input;
        if (input.ColumnCount == 0 && rows == 0)
        {
            rows = 1;
            batch = new RecordBatch(input.Schema, [], 1);
        }

        var result = _bound.Binding.Kernel(batch, _context);
        output.Emit(new RecordBatch(OutputSchema, [Check(result, rows)], rows));
        return default;
    }

    /// <summary>The kernel's array, verified: one value per input row, of the bound type.</summary>
    private IArrowArray Check(IArrowArray? result, int rows)
    {
        string name = _bound.Definition.Name;
        if (result is null) throw WorkerErrors.ValueError($"{name} returned no array");
        if (result.Length != rows) throw WorkerErrors.ValueError($"{name} returned {result.Length} rows but expected {rows} (1:1 mapping required)");
        var expected = OutputSchema.FieldsList[0].DataType;
        if (BatchCoercion.TypesEqual(result.Data.DataType, expected)) return result;
        return BatchCoercion.Cast(result, expected)
            ?? throw WorkerErrors.ValueError($"{name} returned {BatchCoercion.TypeText(result.Data.DataType)} values, but the call was bound to {BatchCoercion.TypeText(expected)}");
    }
}
