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

        await browser.OpenAsync(html, 1200, Ct);

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
