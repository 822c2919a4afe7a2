using LayerNas.Benchmarks.Tables;
using LayerNas.Costs;
using LayerNas.Studies;

namespace LayerNas.Cli.Options;

/// <summary>A problem with its constrained cost; <see cref="Table"/> is set for tabular benchmarks (oracle available).</summary>
public sealed record ResolvedProblem(SearchProblem Problem, ICostModel Cost, CostConstraint Constraint, TabularBenchmark? Table);
