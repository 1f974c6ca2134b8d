namespace Vgi.Ipc;

/// <summary>The bytes on the channel are not a valid Arrow IPC stream.</summary>
public sealed class IpcFormatException : Exception
{
    public IpcFormatException(string message) : base(message) { }

    public IpcFormatException(string message, Exception inner) : base(message, inner) { }
}
