using Apache.Arrow;
using Vgi.Client;
using Vgi.Codecs;
using Vgi.Protocol;

namespace VgiCall;

/// <summary>
/// One worker process driven with the RPCs DuckDB's <c>vgi</c> extension sends, in its order
/// (vgi-catalog §5.1–5.3, validation.md §3): ATTACH, the catalog lookups of a first statement,
/// then <c>bind</c> → <c>bind</c> → <c>init</c> and the exchange stream of a scalar call.
/// Every read waits at most <see cref="Timeout"/>, so a silent worker fails instead of hanging.
/// </summary>
internal sealed class ExtensionSession : IAsyncDisposable
{
    private readonly RpcClient _rpc;
    private readonly bool _verbose;
    private readonly Queue<string> _stderr;
    private byte[] _attach = [];
    private byte[]? _transaction;
    private bool _disposed;

    private ExtensionSession(RpcClient rpc, TimeSpan timeout, bool verbose, Queue<string> stderr)
    {
        _rpc = rpc;
        _stderr = stderr;
        Timeout = timeout;
        _verbose = verbose;
    }

    public TimeSpan Timeout { get; }

    public CatalogAttachResult Attached { get; private set; } = new();

    public string CatalogName { get; private set; } = "";

    /// <summary>The worker's last stderr lines (shown with <c>--verbose</c>, or when it fails).</summary>
    public IReadOnlyList<string> WorkerStderr
    {
        get
        {
            lock (_stderr) return [.. _stderr];
        }
    }

    /// <summary>Starts the worker on binary stdio pipes; a <c>.dll</c> runs under <c>dotnet</c>.</summary>
    public static ExtensionSession Start(string worker, IReadOnlyList<string> args, TimeSpan timeout, bool verbose)
    {
        var (file, arguments) = worker.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? (DotnetHost(), new List<string> { worker }.Concat(args))
            : (worker, args.AsEnumerable());
        var stderr = new Queue<string>();
        var rpc = RpcClient.StartProcess(file, arguments, line =>
        {
            if (verbose) Console.Error.WriteLine($"[worker] {line}");
            lock (stderr)
            {
                stderr.Enqueue(line);
                if (stderr.Count > 20) stderr.Dequeue();
            }
        });
        rpc.ExitTimeout = TimeSpan.FromSeconds(2); // then killed, as DuckDB's pool does
        return new ExtensionSession(rpc, timeout, verbose, stderr);
    }

    /// <summary>
    /// <c>ATTACH</c>: with no <paramref name="catalog"/> the bare form (<c>catalog_catalogs</c>, then
    /// the single catalog it lists), else <c>catalog_attach(name)</c> directly.
    /// </summary>
    public async Task AttachAsync(string? catalog)
    {
        if (catalog is null)
        {
            Trace("catalog_catalogs()");
            using var result = await Timed(_rpc.CallAsync("catalog_catalogs"));
            var catalogs = ReadRecord<CatalogCatalogsResult>(result, "catalog_catalogs").Items;
            if (catalogs.Count != 1)
                throw new UsageException($"the worker serves {catalogs.Count} catalogs ({string.Join(", ", catalogs.Select(c => c.Name))}): pick one with --catalog NAME");
            catalog = catalogs[0].Name;
        }
        CatalogName = catalog;
        Attached = await CallAsync<CatalogAttachParams, CatalogAttachResult>("catalog_attach", $"name={catalog}",
            new CatalogAttachParams { Request = new CatalogAttachRequest { Name = catalog } });
        _attach = Attached.AttachOpaqueData;
    }

    /// <summary>
    /// What the first statement touching the catalog does before any lookup (vgi-catalog §5.2):
    /// <c>catalog_version</c> unless frozen, <c>catalog_transaction_begin</c> if transactions are supported.
    /// </summary>
    public async Task BeginStatementAsync()
    {
        if (!Attached.CatalogVersionFrozen)
            await CallAsync<CatalogVersionParams, CatalogVersionResult>("catalog_version", "", new CatalogVersionParams { AttachOpaqueData = _attach });
        if (Attached.SupportsTransactions)
        {
            var begin = await CallAsync<CatalogTransactionBeginParams, CatalogTransactionBeginResult>("catalog_transaction_begin", "",
                new CatalogTransactionBeginParams { AttachOpaqueData = _attach });
            _transaction = begin.TransactionOpaqueData is { Length: > 0 } t ? t : null;
        }
    }

    /// <summary><c>catalog_transaction_commit</c> when a transaction was begun (only then, as the extension does).</summary>
    public async Task CommitAsync()
    {
        if (_transaction is null) return;
        Trace("catalog_transaction_commit()");
        var parameters = new CatalogTransactionCommitParams { AttachOpaqueData = _attach, TransactionOpaqueData = _transaction };
        using var _ = await Timed(_rpc.CallAsync("catalog_transaction_commit", CatalogTransactionCommitParams.ToRecordBatch([parameters])));
        _transaction = null;
    }

    public async Task<IReadOnlyList<SchemaInfo>> SchemasAsync() =>
        (await CallAsync<CatalogSchemasParams, CatalogSchemasResult>("catalog_schemas", "",
            new CatalogSchemasParams { AttachOpaqueData = _attach, TransactionOpaqueData = _transaction })).Items;

    public async Task<IReadOnlyList<FunctionInfo>> FunctionsAsync(string schema, CatalogObjectType type) =>
        (await CallAsync<CatalogSchemaContentsFunctionsParams, CatalogSchemaContentsFunctionsResult>("catalog_schema_contents_functions",
            $"{schema}, {Names.Kind(type)}",
            new CatalogSchemaContentsFunctionsParams { AttachOpaqueData = _attach, Name = schema, Type = type, TransactionOpaqueData = _transaction })).Items;

    /// <summary>A scalar <c>BindRequest</c> as the extension builds it: input columns <c>col_0..</c>, constants in <see cref="Arguments"/>.</summary>
    public BindRequest ScalarBindRequest(string function, Schema input, Arguments constants) => new()
    {
        FunctionName = function,
        Arguments = constants.ToIpcBytes(),
        FunctionType = FunctionType.Scalar,
        InputSchema = input,
        Settings = null,
        Secrets = null,
        AttachOpaqueData = _attach,
        TransactionOpaqueData = _transaction,
        ResolvedSecretsProvided = false,
    };

    public Task<BindResult> BindAsync(BindRequest request) =>
        CallAsync<BindParams, BindResult>("bind", $"{request.FunctionName}, {Signature(request)}", new BindParams { Request = request });

    /// <summary>
    /// <c>init</c> with the final bind, the header, one exchange of <paramref name="input"/>, then
    /// input EOS and the output drained to EOS. Returns the single output column.
    /// </summary>
    public async Task<IArrowArray> RunScalarAsync(BindRequest bindCall, BindResult bound, RecordBatch input)
    {
        var init = new InitRequest { BindCall = bindCall, OutputSchema = bound.OutputSchema, BindOpaqueData = bound.OpaqueData };
        Trace($"init(bind_call={bindCall.FunctionName}, output_schema={Names.Schema(bound.OutputSchema)})");
        // The stream session is not disposed on failure: that would drain the output with no time
        // limit. DisposeAsync below closes stdin and kills a worker that does not exit instead.
        var session = await Timed(_rpc.OpenStreamAsync("init", InitParams.ToRecordBatch([new InitParams { Request = init }]), hasHeader: true));
        using var header = session.Header;
        if (header is not null && _verbose)
        {
            var row = GlobalInitResponse.FromRecordBatch(header.Batch)[0];
            Trace($"  header: execution_id={Convert.ToHexStringLower(row.ExecutionId)}, max_workers={row.MaxWorkers}");
        }
        Trace($"  exchange: {input.Length} row(s) on {Names.Schema(input.Schema)}");
        IArrowArray column;
        using (var output = await Timed(session.ExchangeAsync(input)))
        {
            if (output.Batch.ColumnCount != 1 || output.Length != input.Length)
                throw new InvalidDataException($"the worker answered {output.Batch.ColumnCount} column(s) and {output.Length} row(s); a scalar call needs 1 column and {input.Length} row(s)");
            column = ArrowCopy(output.Batch.Column(0));
        }
        Trace("  close: input EOS, output drained to EOS");
        await Timed(session.CloseAsync());
        return column;
    }

    /// <summary>A table <c>BindRequest</c> as the extension builds it (validation-2 §7.1): no input schema, all arguments.</summary>
    public BindRequest TableBindRequest(string function, Arguments arguments) => new()
    {
        FunctionName = function,
        Arguments = arguments.ToIpcBytes(),
        FunctionType = FunctionType.Table,
        InputSchema = null,
        Settings = null,
        Secrets = null,
        AttachOpaqueData = _attach,
        TransactionOpaqueData = _transaction,
        ResolvedSecretsProvided = false,
    };

    /// <summary><c>table_function_cardinality</c>: null when unknown (a null outer result too, C25).</summary>
    public async Task<TableFunctionCardinalityResult?> CardinalityAsync(BindRequest bindCall, BindResult bound)
    {
        Trace($"table_function_cardinality({bindCall.FunctionName})");
        using var result = await Timed(_rpc.CallAsync("table_function_cardinality", TableFunctionCardinalityParams.ToRecordBatch([new TableFunctionCardinalityParams
        {
            Request = new TableFunctionCardinalityRequest { BindCall = bindCall, BindOpaqueData = bound.OpaqueData },
        }])));
        if (result.Result is BinaryArray { Length: 1 } bytes && !bytes.IsNull(0))
        {
            var cardinality = ArrowRecord.FromIpcBytes<TableFunctionCardinalityResult>(bytes.GetBytes(0).ToArray());
            Trace($"  estimate={cardinality.Estimate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, max={cardinality.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}");
            return cardinality;
        }
        return null;
    }

    /// <summary><c>table_function_statistics</c>: a null result is the clean "no statistics" (C25); the answer is only traced.</summary>
    public async Task StatisticsAsync(BindRequest bindCall, BindResult bound)
    {
        Trace($"table_function_statistics({bindCall.FunctionName})");
        using var result = await Timed(_rpc.CallAsync("table_function_statistics", TableFunctionStatisticsParams.ToRecordBatch([new TableFunctionStatisticsParams
        {
            Request = new TableFunctionStatisticsRequest { BindCall = bindCall, BindOpaqueData = bound.OpaqueData },
        }])));
        Trace(result.Result is BinaryArray { Length: 1 } bytes && !bytes.IsNull(0) ? "  statistics returned" : "  no statistics");
    }

    /// <summary>
    /// A producer <c>init</c> (vgi-functions §5.2): header, then a 0-row tick on the empty input
    /// schema for every batch until the output's EOS, then input EOS. Returns copies of the batches.
    /// </summary>
    public async Task<IReadOnlyList<RecordBatch>> RunTableAsync(BindRequest bindCall, BindResult bound, IReadOnlyList<long>? projection)
    {
        var init = new InitRequest { BindCall = bindCall, OutputSchema = bound.OutputSchema, BindOpaqueData = bound.OpaqueData, ProjectionIds = projection };
        Trace($"init(bind_call={bindCall.FunctionName}, output_schema={Names.Schema(bound.OutputSchema)}, projection_ids={(projection is null ? "null" : $"[{string.Join(",", projection)}]")})");
        var session = await Timed(_rpc.OpenStreamAsync("init", InitParams.ToRecordBatch([new InitParams { Request = init }]), hasHeader: true));
        using var header = session.Header;
        if (header is not null && _verbose)
        {
            var row = GlobalInitResponse.FromRecordBatch(header.Batch)[0];
            Trace($"  header: execution_id={Convert.ToHexStringLower(row.ExecutionId)}, max_workers={row.MaxWorkers}");
        }
        var batches = new List<RecordBatch>();
        for (int tick = 1; ; tick++)
        {
            using var batch = await Timed(session.TickAsync());
            if (batch is null)
            {
                Trace($"  tick {tick}: output EOS; input EOS sent");
                break;
            }
            Trace($"  tick {tick}: {batch.Length} row(s)");
            batches.Add(IpcBytes.ReadBatch(IpcBytes.WriteBatch(batch.Batch)));
        }
        return batches;
    }

    /// <summary>Closes stdin (the worker exits at EOF, as when DuckDB's pool drops it) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _rpc.DisposeAsync();
        if (_verbose && _rpc.ExitCode is { } code) Trace($"worker exited with code {code}");
    }

    private async Task<TResult> CallAsync<TParams, TResult>(string method, string detail, TParams parameters)
        where TParams : IArrowRecord<TParams>
        where TResult : IArrowRecord<TResult>
    {
        Trace($"{method}({detail})");
        using var result = await Timed(_rpc.CallAsync(method, TParams.ToRecordBatch([parameters])));
        return ReadRecord<TResult>(result, method);
    }

    private static TResult ReadRecord<TResult>(RpcCallResult result, string method) where TResult : IArrowRecord<TResult>
    {
        if (result.Result is not BinaryArray { Length: 1 } bytes || bytes.IsNull(0))
            throw new InvalidDataException($"{method} returned no result value");
        return ArrowRecord.FromIpcBytes<TResult>(bytes.GetBytes(0).ToArray());
    }

    /// <summary>The output batch borrows a pooled buffer; this keeps a copy that outlives it.</summary>
    private static IArrowArray ArrowCopy(IArrowArray array)
    {
        var batch = new RecordBatch(new Schema([new Field("v", array.Data.DataType, true)], null), [array], array.Length);
        return IpcBytes.ReadBatch(IpcBytes.WriteBatch(batch)).Column(0);
    }

    private async Task<T> Timed<T>(Task<T> task)
    {
        try
        {
            return await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the worker did not answer within {Timeout.TotalSeconds:0.#} s");
        }
    }

    private async Task Timed(Task task)
    {
        try
        {
            await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the worker did not answer within {Timeout.TotalSeconds:0.#} s");
        }
    }

    private static string Signature(BindRequest request)
    {
        var constants = Arguments.FromIpcBytes(request.Arguments).Positional;
        string columns = Names.Schema(request.InputSchema ?? ProtocolDefaults.EmptySchema);
        return constants.Count == 0 ? $"input={columns}" : $"input={columns}, constants=[{string.Join(", ", constants.Select(c => Names.Sql(c.Type)))}]";
    }

    private void Trace(string line)
    {
        if (_verbose) Console.Error.WriteLine($"-> {line}");
    }

    /// <summary>The dotnet host: the one running us (<c>dotnet vgi-call.dll</c>), the one the CLI exports, else <c>dotnet</c> on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}

/// <summary>A mistake on the command line, or a choice the user must make: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
