using System.Globalization;
using System.Net;
using System.Text;

namespace LayerNas.Reporting;

/// <summary>
/// Writes a study report as one self-contained HTML page: figures embedded as base64 PNG, tables of the front,
/// the failures and the settings. Every string that comes from the user (study name, space, layer and option
/// labels, error messages) is HTML-escaped, and a Content-Security-Policy forbids scripts and network fetches,
/// so the page can be opened from anywhere without running anything. Stateless; thread-safe.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The page. <paramref name="generator"/> names the tool and version in the footer.</summary>
    public static string Render(ReportModel model, IReadOnlyList<ReportImage> images, string generator = "LayerNas")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        var d = model.Definition;
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>LayerNas report: ").Append(E(d.Name)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");

        html.Append("<h1>LayerNas report: <span id=\"study-name\">").Append(E(d.Name)).Append("</span></h1>\n");
        html.Append("<section id=\"summary\">\n<dl>\n");
        Dl(html, "space", $"{d.Space} ({model.Space.LayerCount} layers)");
        Dl(html, "budget", Setting(model, "budget"));
        Dl(html, "strategy", d.Strategy);
        Dl(html, "reward", model.StandIn ? "stand-in (not accuracy)" : "as the evaluator reports it");
        Dl(html, "trials", $"{model.Points.Count:N0} completed, {model.Failures.Count:N0} failed, {model.Running:N0} running");
        if (model.Chosen is { } c)
        {
            Dl(html, "chosen model", $"{c.Architecture} (trial {c.Trial}): reward {F(c.Reward)}{(model.StandIn ? " (stand-in)" : "")}, {model.CostName} {F(c.Cost)} {model.CostUnit}");
            Dl(html, "its layers", model.Space.Describe(c.Architecture));
        }
        else Dl(html, "chosen model", "none: no completed trial meets the budget yet");
        if (model.Backbone is { } b)
            Dl(html, "backbone", $"{b}: {model.CostName} {F(model.BackboneCost ?? double.NaN)} {model.CostUnit}" +
                (model.BackboneReward is { } br ? $", reward {F(br)}" : " (not evaluated in this study)"));
        html.Append("</dl>\n");
        if (model.StandIn)
            html.Append("<p class=\"note\" id=\"stand-in\">").Append(E("The rewards of this study are a stand-in: a made-up score for trying a search without training, not accuracy.")).Append("</p>\n");
        foreach (var note in model.Notes) html.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
        html.Append("</section>\n");

        html.Append("<section id=\"figures\">\n<h2>Figures</h2>\n");
        foreach (var image in images)
        {
            html.Append("<figure id=\"").Append(E(image.Id)).Append("\">\n<img src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(image.Png)).Append("\" alt=\"").Append(E(image.Title)).Append("\">\n<figcaption><b>")
                .Append(E(image.Title)).Append(".</b> ").Append(E(image.Caption)).Append("</figcaption>\n</figure>\n");
        }
        html.Append("</section>\n");

        html.Append("<section>\n<h2>Front</h2>\n<p>")
            .Append(E($"The Pareto front: the {model.Front.Count} evaluated models that no cheaper model beats on reward.")).Append("</p>\n");
        PointsTable(html, model, model.Front, "front-table", buckets: false);
        if (model.BestPerBucket.Count > 0)
        {
            html.Append("<h3>Best per cost bucket</h3>\n<p>")
                .Append(E($"The {model.BestPerBucket.Count} models of the {model.BucketSource}; a bucket's best may be dominated by a cheaper bucket's.")).Append("</p>\n");
            PointsTable(html, model, model.BestPerBucket, "bucket-table", buckets: true);
        }
        html.Append("</section>\n");

        html.Append("<section>\n<h2>Failures</h2>\n");
        if (model.Failures.Count == 0) html.Append("<p id=\"no-failures\">No trial failed.</p>\n");
        html.Append("<table id=\"failures-table\"").Append(model.Failures.Count == 0 ? " hidden" : "")
            .Append(">\n<thead><tr><th>trial</th><th>architecture</th><th>attempts</th><th>reason</th></tr></thead>\n<tbody>\n");
        foreach (var t in model.Failures)
            html.Append("<tr><td>").Append(t.Number).Append("</td><td class=\"arch\">").Append(E(t.Architecture.ToString())).Append("</td><td>")
                .Append(t.Attempts).Append("</td><td>").Append(E(t.Error ?? "")).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n</section>\n");

        html.Append("<section>\n<h2>Settings</h2>\n<table id=\"settings-table\">\n<tbody>\n");
        foreach (var (k, v) in model.Settings)
            html.Append("<tr><th>").Append(E(k)).Append("</th><td>").Append(E(v)).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n<h3>Search space</h3>\n<table id=\"space-table\">\n<thead><tr><th>layer</th><th>options</th></tr></thead>\n<tbody>\n");
        foreach (var layer in model.Space.Layers)
            html.Append("<tr><td>").Append(E(layer.Name)).Append("</td><td>")
                .Append(string.Join(", ", layer.Options.Select((o, i) => $"{i}: {E(o)}"))).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n</section>\n");

        html.Append("<footer>Made by ").Append(E(generator)).Append(".</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void PointsTable(StringBuilder html, ReportModel model, IReadOnlyList<Studies.ModelPoint> points, string id, bool buckets)
    {
        var metrics = points.SelectMany(f => f.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        html.Append("<table id=\"").Append(id).Append("\">\n<thead><tr><th>#</th>").Append(buckets ? "<th>bucket</th>" : "").Append("<th>architecture</th><th>")
            .Append(E(string.IsNullOrEmpty(model.CostUnit) ? model.CostName : $"{model.CostName} ({model.CostUnit})")).Append("</th><th>").Append(model.StandIn ? "reward (stand-in)" : "reward").Append("</th>");
        foreach (var m in metrics) html.Append("<th>").Append(E(m)).Append("</th>");
        html.Append("<th>layers</th></tr></thead>\n<tbody>\n");
        int rank = 0;
        foreach (var f in points)
        {
            bool chosen = model.Chosen is { } ch && ch.Architecture == f.Architecture;
            html.Append(chosen ? "<tr class=\"chosen\">" : "<tr>").Append("<td>").Append(++rank).Append("</td>");
            if (buckets) html.Append("<td class=\"bucket\">").Append(E(BucketText(model, f.Bucket))).Append("</td>");
            html.Append("<td class=\"arch\">").Append(E(f.Architecture.ToString())).Append(chosen ? " ★" : "").Append("</td><td>")
                .Append(F(f.Cost)).Append("</td><td>").Append(F(f.Reward)).Append("</td>");
            foreach (var m in metrics) html.Append("<td>").Append(f.Metrics.TryGetValue(m, out var v) ? F(v) : "").Append("</td>");
            html.Append("<td class=\"layers\">").Append(E(model.Space.Describe(f.Architecture))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>A bucket as its index and cost range, e.g. <c>3: [12.5, 20.1)</c>.</summary>
    public static string BucketText(ReportModel model, int? bucket)
    {
        if (bucket is not { } b) return "";
        if (b >= model.BucketRanges.Count) return b.ToString(Inv);
        var r = model.BucketRanges[b];
        return $"{b}: [{r.Min.ToString("G4", Inv)}, {r.Max.ToString("G4", Inv)}{(b == model.BucketRanges.Count - 1 ? "]" : ")")}";
    }

    /// <summary>HTML-escapes text for element content and quoted attribute values.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string F(double v) => double.IsNaN(v) ? "" : v.ToString("G6", Inv);

    private static string Setting(ReportModel model, string key) => model.Settings.FirstOrDefault(s => s.Key == key).Value ?? "";

    private static void Dl(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
        dl { display: grid; grid-template-columns: max-content auto; gap: .3em 1.2em; } dt { font-weight: 600; } dd { margin: 0; }
        figure { margin: 1.5em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
        figcaption { color: #555; font-size: .9em; margin-top: .3em; }
        table { border-collapse: collapse; margin: .8em 0; font-size: .9em; }
        th, td { border: 1px solid #ddd; padding: .25em .6em; text-align: left; vertical-align: top; }
        table { max-width: 100%; } td { white-space: nowrap; } td.layers, #settings-table td, #failures-table td, dd { white-space: normal; overflow-wrap: anywhere; }
        thead th { background: #f4f4f4; } tr.chosen { background: #fff3d6; }
        td.arch { font-family: ui-monospace, monospace; white-space: nowrap; } td.layers { font-size: .85em; color: #444; }
        .note { background: #fff8e1; border-left: 4px solid #f0ad4e; padding: .4em .8em; }
        footer { margin-top: 3em; color: #888; font-size: .85em; }

        """;
}
