using LayerNas.SearchSpaces;

namespace LayerNas.Reporting;

/// <summary>
/// One evaluated trial placed on the report's axes: its number, architecture, cost (in the study's cost unit),
/// reward, metrics and the seconds from the study's first trial start to this trial's end (null when not recorded). Immutable.
/// </summary>
public sealed record ReportPoint(long Number, Architecture Architecture, double Cost, double Reward, IReadOnlyDictionary<string, double> Metrics, double? ElapsedSeconds = null);
