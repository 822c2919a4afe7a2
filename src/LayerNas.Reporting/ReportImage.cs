namespace LayerNas.Reporting;

/// <summary>A rendered figure of a report: its file name (e.g. <c>front.png</c>), element id, title, caption and PNG bytes. Immutable by convention: do not change <see cref="Png"/>.</summary>
public sealed record ReportImage(string FileName, string Id, string Title, string Caption, byte[] Png);
