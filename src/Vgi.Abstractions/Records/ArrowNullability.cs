namespace Vgi;

/// <summary>Declared nullability of an Arrow field.</summary>
public enum ArrowNullability
{
    /// <summary>Nullable exactly when the C# type is (<c>T?</c> or a nullable reference).</summary>
    Inferred,

    Nullable,

    NotNull,
}
