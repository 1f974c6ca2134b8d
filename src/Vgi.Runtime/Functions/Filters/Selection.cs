using System.Buffers;

namespace Vgi.Functions;

/// <summary>A pooled row mask (true = the row is still selected) for one evaluation step.</summary>
internal ref struct Selection
{
    private bool[]? _rented;

    public Selection(int length)
    {
        _rented = ArrayPool<bool>.Shared.Rent(Math.Max(1, length));
        Span = _rented.AsSpan(0, length);
    }

    public Span<bool> Span { get; }

    public void Dispose()
    {
        if (_rented is null) return;
        ArrayPool<bool>.Shared.Return(_rented);
        _rented = null;
    }
}
