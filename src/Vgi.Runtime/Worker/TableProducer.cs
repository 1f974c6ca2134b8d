using System.Globalization;
using System.Security.Cryptography;
using Apache.Arrow;
using Vgi.Functions;
using Vgi.Ipc;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// The data phase of a table function <c>init</c> (vgi-functions §5.2, validation-2 §3.2): a
/// producer stream on the empty input schema. Each tick pulls one batch from the
/// <see cref="TableScan"/>, conforms it to the projected schema with the bind types (C26), applies
/// the pushed filters when the definition asks for it, and emits it (with <c>vgi_batch_index</c>
/// when declared); a scan that returns null finishes the stream, so the EOS answers that tick
/// (no extra tick to drain, C22). A tick's <c>vgi_pushdown_filters</c> replaces the dynamic part
/// of the filters, ANDed with the init filters (C18). The scan is disposed exactly once, however
/// the stream ends: finished, cancel tick (LIMIT, C23), error, or closed channel.
/// </summary>
internal sealed class TableProducer : RpcStream
{
    private const string DynamicFiltersKey = "vgi_pushdown_filters";
    private const string BatchIndexKey = "vgi_batch_index";

    /// <summary>Empty filtered batches skipped within one tick before an empty batch is sent anyway (so a cancel can get through).</summary>
    private const int MaxEmptyPullsPerTick = 16;

    private readonly TableFunctionDefinition _definition;
    private readonly Schema _outputSchema;
    private readonly TableScan _scan;
    private readonly TableScanContext _scanContext;
    private readonly TableFilters _initFilters;
    private readonly CancellationTokenSource _cancel;
    private CancellationTokenRegistration _linked;
    private bool _isLinked;
    private string? _dynamicText;
    private long _nextBatchIndex;
    private int _disposed;

    private TableProducer(TableFunctionDefinition definition, Schema outputSchema, TableScan scan, TableScanContext scanContext, CancellationTokenSource cancel)
        : base(scanContext.ProjectedSchema, RpcSchemas.Empty)
    {
        _definition = definition;
        _outputSchema = outputSchema;
        _scan = scan;
        _scanContext = scanContext;
        _initFilters = scanContext.Filters;
        _cancel = cancel;
    }

    /// <summary>
    /// Re-binds from <c>bind_call</c>, decodes projection, filters and hints, opens the scan and
    /// builds the header. A secondary init (<c>execution_id</c> set) echoes that id and the
    /// primary's <c>init_opaque_data</c> instead of minting new ones.
    /// </summary>
    public static TableProducer Open(FunctionSet functions, InitRequest init, RpcCallContext rpc)
    {
        var bindCall = init.BindCall;
        if (init.Phase is { } phase)
            throw WorkerErrors.NotImplemented($"{bindCall.FunctionName}: init phase {phase} (table-in-out / buffering) is not served by this worker");
        var bound = TableResolver.Bind(functions, bindCall);
        var definition = bound.Definition;
        var output = bound.Binding.OutputSchema;
        if (init.OutputSchema is { FieldsList.Count: > 0 } sent && sent.FieldsList.Count != output.FieldsList.Count)
            throw WorkerErrors.ValueError($"{definition.Name}: init carries an output schema of {sent.FieldsList.Count} columns, but the call binds to {output.FieldsList.Count}");

        var projection = Projection(definition.Name, init.ProjectionIds, output);
        TableFilters filters;
        try
        {
            filters = init.PushdownFilters is { Length: > 0 } bytes ? TableFilters.Decode(bytes, init.JoinKeys) : TableFilters.None;
        }
        catch (FilterFormatException e)
        {
            throw WorkerErrors.ValueError($"{definition.Name}: the pushed filters cannot be read: {e.Message}");
        }

        int batchSize = bound.Binding.BatchSize ?? definition.BatchSize;
        if (batchSize < 1) throw WorkerErrors.ValueError($"{definition.Name}: its binding asks for batches of {batchSize} rows; a batch size must be at least 1");

        bool secondary = init.ExecutionId is { Length: > 0 };
        byte[] executionId = secondary ? init.ExecutionId! : RandomNumberGenerator.GetBytes(16);
        // The primary answers its binding's init opaque data; DuckDB hands it to every secondary.
        byte[]? initOpaqueData = secondary ? init.InitOpaqueData : bound.Binding.InitOpaqueData;
        var cancel = new CancellationTokenSource();
        var scanContext = new TableScanContext
        {
            ProjectionIds = projection,
            ProjectedSchema = TableResolver.Project(output, projection),
            WrittenColumns = PartitionValues.WithPartitionColumns(definition, output, projection),
            Filters = filters,
            BatchSize = batchSize,
            IsSecondary = secondary,
            ExecutionId = executionId,
            OrderBy = init.OrderByColumnName is { } column
                ? new OrderByHint(column, init.OrderByDirection is { } direction ? direction == OrderByDirection.Desc : null,
                    init.OrderByNullOrder is { } nulls ? nulls == OrderByNullOrder.NullsFirst : null, init.OrderByLimit)
                : null,
            Sample = init.TablesamplePercentage is { } percentage ? new SampleHint(percentage, init.TablesampleSeed) : null,
            Context = new ScalarCallContext(definition.Name, rpc, bindCall.Settings, bindCall.Secrets, cancel.Token),
            Storage = ExecutionStorage.For(executionId),
            BindOpaqueData = init.BindOpaqueData ?? bound.Binding.OpaqueData ?? [],
            InitOpaqueData = initOpaqueData ?? [],
        };

        TableScan scan;
        try
        {
            scan = bound.Binding.OpenScan(scanContext) ?? throw new InvalidOperationException($"{definition.Name}: its scan factory returned null");
        }
        catch
        {
            cancel.Dispose();
            throw;
        }

        // validation-2 C20: without projection pushdown DuckDB sends secondaries no filters, and
        // does not filter again itself, so parallel streams would return unfiltered rows.
        int maxWorkers = definition.MaxWorkers > 1 && definition.FilterPushdown && !definition.ProjectionPushdown ? 1 : definition.MaxWorkers;
        var header = GlobalInitResponse.ToRecordBatch(
        [
            new GlobalInitResponse { ExecutionId = executionId, OpaqueData = initOpaqueData, MaxWorkers = maxWorkers },
        ]);
        return new TableProducer(definition, output, scan, scanContext, cancel) { Header = header };
    }

    /// <summary>The projection as output indices, checked against the bound schema; null = every column.</summary>
    private static int[]? Projection(string name, IReadOnlyList<long>? ids, Schema output)
    {
        if (ids is null) return null;
        var projection = new int[ids.Count];
        for (int i = 0; i < projection.Length; i++)
        {
            long id = ids[i];
            if (id < 0 || id >= output.FieldsList.Count)
                throw WorkerErrors.ValueError($"{name}: projection_ids[{i}] = {id} is outside the output schema's {output.FieldsList.Count} columns");
            projection[i] = (int)id;
        }
        return projection;
    }

    public override async ValueTask ProcessAsync(RecordBatch input, IReadOnlyList<KeyValuePair<string, string>> inputMetadata, RpcStreamOutput output, RpcCallContext context)
    {
        if (!_isLinked)
        {
            // The stream's token (cancel tick, closed channel) exists only once the data phase runs.
            _isLinked = true;
            _linked = context.CancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _cancel);
        }
        if (inputMetadata.TryGet(DynamicFiltersKey, out var dynamic)) UpdateDynamicFilters(dynamic, context);

        for (int pulls = 1; ; pulls++)
        {
            var batch = await _scan.NextAsync(_cancel.Token).ConfigureAwait(false);
            if (batch is null)
            {
                output.Finish();
                return;
            }
            long batchIndex = _scan.BatchIndex ?? _nextBatchIndex;
            _nextBatchIndex = batchIndex + 1;
            // Partition values describe the rows the scan produced, so they come from its own batch.
            var partitionValues = PartitionValuesOf(batch);
            batch = Conform(batch);
            if (_definition.AutoApplyFilters) batch = _scanContext.Filters.Apply(batch);
            if (batch.Length == 0 && pulls < MaxEmptyPullsPerTick) continue;
            output.Emit(batch, BatchMetadata(batch, batchIndex, partitionValues));
            return;
        }
    }

    /// <summary>
    /// <c>vgi_batch_index</c> when declared, <c>vgi_partition_values#b64</c> for a partitioned
    /// function's non-empty batches (vgi-functions §6.5), then the scan's own keys.
    /// </summary>
    private List<KeyValuePair<string, string>>? BatchMetadata(RecordBatch batch, long batchIndex, byte[]? partitionValues)
    {
        List<KeyValuePair<string, string>>? metadata = null;
        if (_scan.WriteContractMetadata)
        {
            if (_definition.SupportsBatchIndex) (metadata ??= []).Add(new(BatchIndexKey, batchIndex.ToString(CultureInfo.InvariantCulture)));
            if (batch.Length > 0 && partitionValues is not null) (metadata ??= []).Add(new(PartitionValues.MetadataKey, Convert.ToBase64String(partitionValues)));
        }
        if (_scan.BatchMetadata is { Count: > 0 } extra) (metadata ??= []).AddRange(extra);
        return metadata;
    }

    /// <summary>The encoded partition values of a non-empty batch of a partitioned function (or one whose scan supplies them); else null.</summary>
    private byte[]? PartitionValuesOf(RecordBatch batch)
    {
        if (batch.Length == 0 || !_scan.WriteContractMetadata) return null;
        var values = _scan.PartitionValues;
        if (values is null && _definition.PartitionKind == PartitionKind.NotPartitioned) return null;
        values ??= PartitionValues.Extract(_definition, _outputSchema, batch);
        return PartitionValues.Encode(_definition.Name, _outputSchema, values);
    }

    /// <summary>Installs the tick's dynamic filters (ANDed with the init filters); a set that cannot be read is skipped with a warning.</summary>
    private void UpdateDynamicFilters(string base64, RpcCallContext context)
    {
        if (base64 == _dynamicText) return; // every tick repeats the current set
        _dynamicText = base64;
        try
        {
            _scanContext.UpdateFilters(_initFilters.WithDynamic(TableFilters.DecodeDynamic(base64)));
        }
        catch (FilterFormatException e)
        {
            context.Log(RpcLogLevel.Warn, $"{_definition.Name}: ignoring dynamic filters that cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// The scan's batch as exactly the projected schema: columns matched by name (a scan that
    /// returned more columns, or another order, is fixed up), types equal to the bind types
    /// (numeric widening is the only conversion), same length everywhere.
    /// </summary>
    private RecordBatch Conform(RecordBatch batch)
    {
        var target = OutputSchema;
        var fields = target.FieldsList;
        if (ReferenceEquals(batch.Schema, target) && IsExact(batch, fields)) return batch;
        var actual = batch.Schema.FieldsList;
        var columns = new IArrowArray[fields.Count];
        bool same = actual.Count == fields.Count;
        for (int i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            int index = i < actual.Count && actual[i].Name == field.Name ? i : IndexOf(actual, field.Name);
            if (index < 0)
                throw WorkerErrors.ValueError($"{_definition.Name}: the scan returned columns {BatchCoercion.Describe(batch.Schema)}, " +
                    $"but the projected output is {BatchCoercion.Describe(target)} (a scan emits exactly TableScanContext.ProjectedSchema)");
            var column = batch.Column(index);
            if (column.Length != batch.Length)
                throw WorkerErrors.ValueError($"{_definition.Name}: column '{field.Name}' has {column.Length} values in a batch of {batch.Length} rows");
            if (!BatchCoercion.TypesEqual(column.Data.DataType, field.DataType))
            {
                column = BatchCoercion.Cast(column, field.DataType)
                    ?? throw WorkerErrors.TypeError($"{_definition.Name}: column '{field.Name}' is {BatchCoercion.TypeText(column.Data.DataType)}, but the call was bound to {BatchCoercion.TypeText(field.DataType)}");
                same = false;
            }
            same &= index == i;
            columns[i] = column;
        }
        return same && ReferenceEquals(batch.Schema, target) ? batch : new RecordBatch(target, columns, batch.Length);
    }

    /// <summary>The common case: a batch built on the projected schema whose arrays have the declared types and the batch's length.</summary>
    private static bool IsExact(RecordBatch batch, IReadOnlyList<Field> fields)
    {
        if (batch.ColumnCount != fields.Count) return false;
        for (int i = 0; i < fields.Count; i++)
        {
            var column = batch.Column(i);
            if (column.Length != batch.Length || !BatchCoercion.TypesEqual(column.Data.DataType, fields[i].DataType)) return false;
        }
        return true;
    }

    private static int IndexOf(IReadOnlyList<Field> fields, string name)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name) return i;
        }
        return -1;
    }

    public override async ValueTask OnCancelAsync(RpcCallContext context) => await ReleaseAsync().ConfigureAwait(false);

    public override async ValueTask DisposeAsync()
    {
        await ReleaseAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Cancels the scan's token and disposes the scan, once.</summary>
    private async ValueTask ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await _cancel.CancelAsync().ConfigureAwait(false);
        }
        catch (AggregateException)
        {
            // A callback registered on the scan's token failed; the scan is still disposed.
        }
        try
        {
            await _scan.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Disposal runs while the stream is torn down (often after the client hung up):
            // there is nobody to report to, and the worker must go on serving.
        }
        finally
        {
            _linked.Dispose();
            _cancel.Dispose();
        }
    }
}
