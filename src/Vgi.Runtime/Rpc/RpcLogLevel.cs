namespace Vgi.Rpc;

/// <summary>Levels of <c>vgi_rpc.log_level</c>; EXCEPTION marks an error batch.</summary>
public enum RpcLogLevel
{
    Exception,
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

public static class RpcLogLevelNames
{
    public static string ToWire(this RpcLogLevel level) => level switch
    {
        RpcLogLevel.Exception => "EXCEPTION",
        RpcLogLevel.Error => "ERROR",
        RpcLogLevel.Warn => "WARN",
        RpcLogLevel.Info => "INFO",
        RpcLogLevel.Debug => "DEBUG",
        RpcLogLevel.Trace => "TRACE",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static bool TryParse(string wire, out RpcLogLevel level)
    {
        switch (wire)
        {
            case "EXCEPTION": level = RpcLogLevel.Exception; return true;
            case "ERROR": level = RpcLogLevel.Error; return true;
            case "WARN" or "WARNING": level = RpcLogLevel.Warn; return true;
            case "INFO": level = RpcLogLevel.Info; return true;
            case "DEBUG": level = RpcLogLevel.Debug; return true;
            case "TRACE": level = RpcLogLevel.Trace; return true;
            default: level = RpcLogLevel.Info; return false;
        }
    }
}
