using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// The <see cref="VgiContext"/> of one function call (scalar exchange or table scan): logs go to the
/// client as vgi_rpc log batches ahead of the next output batch; cancellation follows the stream
/// (or the token the caller supplies); settings and secrets come from the bind request and are
/// decoded on first use.
/// </summary>
internal sealed class ScalarCallContext : VgiContext
{
    private readonly RpcCallContext _rpc;
    private readonly byte[]? _settingsIpc;
    private readonly byte[]? _secretsIpc;
    private IReadOnlyDictionary<string, string?>? _settings;
    private IReadOnlyDictionary<string, VgiSecret>? _secrets;
    private readonly CancellationToken? _cancellation;

    /// <param name="cancellation">The call's token; null = the stream's, read at call time.</param>
    public ScalarCallContext(string functionName, RpcCallContext rpc, byte[]? settings, byte[]? secrets, CancellationToken? cancellation = null)
    {
        FunctionName = functionName;
        _rpc = rpc;
        _settingsIpc = settings;
        _secretsIpc = secrets;
        _cancellation = cancellation;
    }

    /// <summary>The server swaps in the stream's token when the data phase starts; read it at call time.</summary>
    public override CancellationToken CancellationToken => _cancellation ?? _rpc.CancellationToken;

    public override string FunctionName { get; }

    public override IReadOnlyDictionary<string, string?> Settings => _settings ??= CallSettings.ReadSettings(_settingsIpc);

    public override IReadOnlyDictionary<string, VgiSecret> Secrets => _secrets ??= CallSettings.ReadSecrets(_secretsIpc);

    public override void Log(VgiLogLevel level, string message) => _rpc.Log(level switch
    {
        VgiLogLevel.Error => RpcLogLevel.Error,
        VgiLogLevel.Warn => RpcLogLevel.Warn,
        VgiLogLevel.Info => RpcLogLevel.Info,
        VgiLogLevel.Debug => RpcLogLevel.Debug,
        VgiLogLevel.Trace => RpcLogLevel.Trace,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown log level"),
    }, message);
}
