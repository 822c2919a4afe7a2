using System.Text.Json.Nodes;

namespace LayerNas.Reporting.Tests;

/// <summary>Opens written reports in real headless Chromium (Debian's package) and looks at what a reader sees.</summary>
public class ReportInBrowserTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>Where screenshots are kept after the run: the test output folder, next to the test assembly.</summary>
    private static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    [Fact]
    public async Task Report_OpenedInChromium_ShowsDecodedPlotsAndFilledTables()
    {
        var model = await TestStudies.CellAsync();
        var dir = Directory.CreateTempSubdirectory("layernas-e2e-").FullName;
        var html = await StudyReport.WriteAsync(model, dir, "LayerNas test", Ct);
        await using var browser = await HeadlessChromium.StartAsync(Ct);

        await browser.OpenAsync(html, 1400, Ct);

        // Every figure is an embedded PNG that the browser decoded to its real size.
        var images = (await browser.EvaluateAsync(
            "[...document.querySelectorAll('figure img')].map(i => ({ id: i.parentElement.id, w: i.naturalWidth, h: i.naturalHeight, ok: i.complete, data: i.src.startsWith('data:image/png;base64,') }))", Ct))!.AsArray();
        Assert.Equal(["front-plot", "memorial-heatmap", "progress-evaluations", "progress-time"], images.Select(i => i!["id"]!.GetValue<string>()));
        Assert.All(images, i =>
        {
            Assert.True(i!["ok"]!.GetValue<bool>() && i["data"]!.GetValue<bool>());
            Assert.Equal(StudyReport.Width, i["w"]!.GetValue<int>());
            Assert.True(i["h"]!.GetValue<int>() >= 300);
        });
        Assert.Equal(model.Front.Count, await Int(browser, "document.querySelectorAll('#front-table tbody tr').length"));
        // The Pareto front and the best per bucket, each bucket shown with its cost range; nothing makes the page scroll sideways.
        Assert.Equal(model.BestPerBucket.Count, await Int(browser, "document.querySelectorAll('#bucket-table tbody tr').length"));
        Assert.All((await browser.EvaluateAsync("[...document.querySelectorAll('#bucket-table td.bucket')].map(td => td.textContent)", Ct))!.AsArray(),
            cell => Assert.Matches(@"^\d+: \[[-0-9.e+]+, [-0-9.e+]+[)\]]$", cell!.GetValue<string>()));
        Assert.Equal(0, await Int(browser, "Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)"));
        Assert.Equal(1, await Int(browser, "document.querySelectorAll('#front-table tr.chosen').length"));
        Assert.Equal(model.Settings.Count, await Int(browser, "document.querySelectorAll('#settings-table tr').length"));
        Assert.Equal(model.Space.LayerCount, await Int(browser, "document.querySelectorAll('#space-table tbody tr').length"));
        Assert.Equal("No trial failed.", await Text(browser, "document.getElementById('no-failures').textContent"));
        Assert.Equal(0, await Int(browser, "performance.getEntriesByType('resource').filter(r => !r.name.startsWith('data:')).length"));

        var png = await browser.ScreenshotAsync(fullPage: true, Ct);
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotDirectory, "report.png"), png, Ct);
        Assert.True(png.Length > 50_000);
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotDirectory, "report-top.png"), await browser.ScreenshotAsync(fullPage: false, Ct), Ct);
    }

    /// <summary>The README's study (`layernas search --study demo`, the embedded default) as a reader sees its report: the pictures of the README.</summary>
    [Fact]
    public async Task TourReport_At1400Pixels_NoSidewaysScrollAndBucketRangesShown()
    {
        var built = new Recipes.StudyRecipe().Build("demo");
        await using var store = new Studies.InMemoryStudyStore();
        var trials = await new Studies.StudyRunner(built.Strategy, built.CreateEvaluator(), store, built.Definition).RunAsync(Ct);
        var model = ReportModel.Build(built.Definition, trials, built.Problem.Space, built.Cost, built.Strategy, built.Problem.Backbone);
        var html = await StudyReport.WriteAsync(model, Directory.CreateTempSubdirectory("layernas-e2e-tour-").FullName, "layernas", Ct);
        await using var browser = await HeadlessChromium.StartAsync(Ct);

        await browser.OpenAsync(html, 1400, Ct);

        Assert.Equal(0, await Int(browser, "Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)"));
        Assert.Equal(model.Front.Count, await Int(browser, "document.querySelectorAll('#front-table tbody tr').length"));
        var buckets = (await browser.EvaluateAsync("[...document.querySelectorAll('#bucket-table td.bucket')].map(td => td.textContent)", Ct))!.AsArray();
        Assert.Equal(model.BestPerBucket.Count, buckets.Count);
        Assert.Equal("0: [7.783, 11.72)", buckets[0]!.GetValue<string>());
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotDirectory, "tour-report-top.png"), await browser.ScreenshotAsync(fullPage: false, Ct), Ct);
        await browser.EvaluateAsync("document.getElementById('bucket-table').scrollIntoView({block: 'end'}); true", Ct);
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotDirectory, "tour-report-front.png"), await browser.ScreenshotAsync(fullPage: false, Ct), Ct);
    }

    [Fact]
    public async Task Report_HostileStudyNameAndOptionLabels_ShownAsTextAndNothingRuns()
    {
        var model = await TestStudies.HostileAsync();
        var dir = Directory.CreateTempSubdirectory("layernas-e2e-hostile-").FullName;
        var html = await StudyReport.WriteAsync(model, dir, "LayerNas <test>", Ct);
        await using var browser = await HeadlessChromium.StartAsync(Ct);

        await browser.OpenAsync(html, 1200, Ct);

        Assert.Equal("LayerNas report: " + TestStudies.HostileName, await Text(browser, "document.title"));
        Assert.Equal(TestStudies.HostileName, await Text(browser, "document.getElementById('study-name').textContent"));
        Assert.Equal("undefined", await Text(browser, "typeof window.__pwned"));
        Assert.Equal(0, await Int(browser, "document.scripts.length"));
        Assert.Equal(0, await Int(browser, "document.querySelectorAll('[onerror], img:not(figure img)').length"));
        Assert.Contains(TestStudies.HostileOption, await Text(browser, "document.getElementById('space-table').textContent"));
        Assert.Contains("<script>window.__pwned=3</script>", await Text(browser, "document.getElementById('failures-table').textContent"));
        Assert.Contains("<metric>", await Text(browser, "document.querySelector('#front-table thead').textContent"));

        await File.WriteAllBytesAsync(Path.Combine(ScreenshotDirectory, "report-hostile.png"), await browser.ScreenshotAsync(fullPage: true, Ct), Ct);
    }

    private static async Task<int> Int(HeadlessChromium browser, string expression) =>
        (await browser.EvaluateAsync(expression, Ct))!.GetValue<int>();

    private static async Task<string> Text(HeadlessChromium browser, string expression) =>
        (await browser.EvaluateAsync(expression, Ct))?.GetValue<string>() ?? "";
}
