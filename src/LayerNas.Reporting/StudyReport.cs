using System.Text;
using ScottPlot;

namespace LayerNas.Reporting;

/// <summary>
/// Renders a <see cref="ReportModel"/> into PNG figures and a self-contained <c>report.html</c> in a folder.
/// Stateless; thread-safe (ScottPlot plots are created per call).
/// </summary>
public static class StudyReport
{
    /// <summary>Pixel size of the rendered figures.</summary>
    public const int Width = 1000, Height = 600;

    /// <summary>The figures of the report, in page order (the heatmap only when the study has memorial tables).</summary>
    public static IReadOnlyList<ReportImage> RenderImages(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var jobs = new List<(string File, string Id, string Title, string Caption, Func<Plot?> Plot, int Height)>
        {
            ("front.png", "front-plot", "Cost vs reward",
                "Every evaluated trial (grey), the Pareto front (line)" + (model.BestPerBucket.Count > 0 ? $", the best per bucket of the {model.BucketSource} (circles)" : "") + ", the chosen model (red diamond)" +
                (model.Backbone is null ? "." : " and the backbone (black)."), () => FrontPlot.Create(model), Height),
        };
        if (model.Heatmap.Count > 0)
            jobs.Add(("memorial.png", "memorial-heatmap", "Memorial table",
                "Best reward kept per cost bucket after each searched layer (blank: empty bucket). Rows are layers in search order; buckets of one row hold models whose fixed layers cost about the same.",
                () => MemorialHeatmap.Create(model), Math.Clamp(140 + 38 * model.Heatmap.Count, 360, 1400)));
        jobs.Add(("progress-evaluations.png", "progress-evaluations", "Best reward vs evaluations",
            "Best reward found so far after each completed trial.", () => ProgressPlot.ByEvaluations(model), Height / 5 * 4));
        jobs.Add(("progress-time.png", "progress-time", "Best reward vs training time",
            "Best reward found so far against the training time spent.", () => ProgressPlot.ByTrainingTime(model), Height / 5 * 4));
        // Each figure is its own plot and surface, so they render in parallel (PNG encoding dominates).
        var pngs = new byte[jobs.Count][];
        Parallel.For(0, jobs.Count, i => pngs[i] = Png(jobs[i].Plot()!, Width, jobs[i].Height));
        return jobs.Select((j, i) => new ReportImage(j.File, j.Id, j.Title, j.Caption, pngs[i])).ToArray();
    }

    /// <summary>
    /// Writes the PNGs and <c>report.html</c> into <paramref name="directory"/> (created if missing); returns the HTML path.
    /// Each file is written beside its place and renamed over it when complete, so a report killed while writing leaves
    /// the previous file whole, never a truncated one.
    /// </summary>
    public static async Task<string> WriteAsync(ReportModel model, string directory, string generator, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFiles(directory, ".*.partial-*")) File.Delete(stale); // left by a killed report
        var images = RenderImages(model);
        foreach (var image in images)
            await ReplaceAsync(Path.Combine(directory, image.FileName), image.Png, cancellationToken).ConfigureAwait(false);
        string html = Path.Combine(directory, "report.html");
        await ReplaceAsync(html, Encoding.UTF8.GetBytes(HtmlReport.Render(model, images, generator)), cancellationToken).ConfigureAwait(false);
        return html;
    }

    private static async Task ReplaceAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        // Hidden beside the target (same file system, so the rename is atomic); a kill before the rename leaves only it.
        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.partial-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static byte[] Png(Plot plot, int width, int height) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
