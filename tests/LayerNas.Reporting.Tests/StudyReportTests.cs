namespace LayerNas.Reporting.Tests;

public class StudyReportTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static (int Width, int Height) PngSize(byte[] png) =>
        ((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);

    [Fact]
    public async Task RenderImages_LayerNasStudy_FourPngsOfTheRequestedSize()
    {
        var model = await TestStudies.CellAsync();

        var images = StudyReport.RenderImages(model);

        Assert.Equal(["front.png", "memorial.png", "progress-evaluations.png", "progress-time.png"], images.Select(i => i.FileName));
        foreach (var image in images)
        {
            Assert.Equal(PngSignature, image.Png[..8]);
            Assert.Equal(StudyReport.Width, PngSize(image.Png).Width);
            Assert.True(image.Png.Length > 10_000, $"{image.FileName} is only {image.Png.Length} bytes: nothing drawn?");
        }
    }

    [Fact]
    public async Task WriteAsync_Folder_WritesHtmlAndPngs()
    {
        var model = await TestStudies.CellAsync();
        var dir = Directory.CreateTempSubdirectory("layernas-report-").FullName;

        var html = await StudyReport.WriteAsync(model, Path.Combine(dir, "out"), "LayerNas test", CancellationToken.None);

        Assert.Equal(Path.Combine(dir, "out", "report.html"), html);
        foreach (var f in new[] { "front.png", "memorial.png", "progress-evaluations.png", "progress-time.png" })
            Assert.True(File.Exists(Path.Combine(dir, "out", f)), f);
        var text = await File.ReadAllTextAsync(html);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(text, "src=\"data:image/png;base64,").Count);
        Assert.DoesNotContain("http://", text);
        Assert.DoesNotContain("https://", text);
    }

    [Fact]
    public async Task WriteAsync_OverAnEarlierReport_ReplacesItWholeByRenameAndRemovesStaleParts()
    {
        var model = await TestStudies.CellAsync();
        var dir = Directory.CreateTempSubdirectory("layernas-report-").FullName;
        var html = await StudyReport.WriteAsync(model, dir, "LayerNas test", CancellationToken.None);
        var stale = Path.Combine(dir, ".report.html.partial-0123");
        File.WriteAllText(stale, "<html><bo");
        var before = await File.ReadAllTextAsync(html);

        // A reader of the old report (or a crash at any point) sees the old file whole: the new one is renamed over it.
        await using var reader = new FileStream(html, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await StudyReport.WriteAsync(model, dir, "LayerNas test, again", CancellationToken.None);

        Assert.Equal(before, await new StreamReader(reader).ReadToEndAsync());
        Assert.Contains("LayerNas test, again", await File.ReadAllTextAsync(html));
        Assert.EndsWith("</html>\n", await File.ReadAllTextAsync(html));
        Assert.False(File.Exists(stale));
        Assert.Empty(Directory.EnumerateFiles(dir, ".*"));
    }

    [Fact]
    public async Task Render_HostileStrings_AppearOnlyEscaped()
    {
        var model = await TestStudies.HostileAsync();

        var html = HtmlReport.Render(model, StudyReport.RenderImages(model));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>space", html);
        Assert.Contains("&lt;script&gt;window.__pwned=1;document.title=&#39;pwned&#39;&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;&amp;amp;", html);
        Assert.NotEmpty(model.Failures);
    }
}
