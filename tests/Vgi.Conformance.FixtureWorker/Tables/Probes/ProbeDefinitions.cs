using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Probes;

/// <summary>Filter bookkeeping shared by the pushdown probes of fixtures.md §2.4.2 (<see cref="Echoes"/>, <see cref="FilterProbes"/>).</summary>
internal static class ProbeDefinitions
{
    /// <summary>
    /// The filters Python holds in force: the init filters until a tick brings dynamic (Top-N) filters,
    /// which replace them (vgi-functions §6.4). The worker itself keeps the init filters AND the dynamic set.
    /// </summary>
    internal static TableFilters InForce(TableFilters filters) =>
        filters.DynamicFilters.Count > 0 ? new TableFilters(filters.DynamicFilters) : filters;
}
