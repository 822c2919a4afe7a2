using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace LayerNas.Reporting.Tests;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket): opens a page, evaluates
/// expressions in it and takes full-page screenshots. No browser download, no network: the browser is started
/// with networking services off and a throw-away profile.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonNode>> _waiting = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private int _nextId;
    private string? _session;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: run scripts/setup.sh (it installs Debian's chromium package).");
        var profile = Directory.CreateTempSubdirectory("layernas-chromium-").FullName;
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars", $"--user-data-dir={profile}",
                     "--remote-debugging-port=0", "about:blank" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            // Chromium writes the port it picked and the browser endpoint into the profile folder.
            string portFile = Path.Combine(profile, "DevToolsActivePort");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string[] lines = [];
            while (lines.Length < 2)
            {
                if (process.HasExited) throw new InvalidOperationException($"chromium exited with code {process.ExitCode} before it opened its DevTools port.");
                if (DateTime.UtcNow > deadline) throw new TimeoutException("chromium did not open its DevTools port within 60 s.");
                await Task.Delay(100, cancellationToken);
                if (File.Exists(portFile)) lines = (await File.ReadAllLinesAsync(portFile, cancellationToken)).Where(l => l.Length > 0).ToArray();
            }
            await browser._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0]}{lines[1]}"), cancellationToken);
            browser._reader = browser.ReadLoopAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> in a new tab of <paramref name="width"/> CSS pixels and waits until it has loaded.</summary>
    public async Task OpenAsync(string path, int width, CancellationToken cancellationToken)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, null, cancellationToken);
        _session = attached["sessionId"]!.GetValue<string>();
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = false }, _session, cancellationToken);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(path)).AbsoluteUri }, _session, cancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await EvaluateAsync("document.readyState === 'complete' && location.protocol === 'file:'", cancellationToken) is not JsonValue v || !v.GetValue<bool>())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path} did not finish loading within 30 s.");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The value of a JavaScript expression in the open page (DevTools evaluation is not subject to the page's CSP).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, _session, cancellationToken);
        if (result["exceptionDetails"] is { } error) throw new InvalidOperationException($"'{expression}' threw: {error.ToJsonString()}");
        return result["result"]?["value"];
    }

    /// <summary>A PNG of the whole page (<paramref name="fullPage"/>) or of the viewport (the top of the page).</summary>
    public async Task<byte[]> ScreenshotAsync(bool fullPage, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = fullPage }, _session, cancellationToken);
        return Convert.FromBase64String(result["data"]!.GetValue<string>());
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters, string? session, CancellationToken cancellationToken)
    {
        var tcs = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_waiting)
        {
            id = ++_nextId;
            _waiting[id] = tcs;
        }
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null) message["sessionId"] = session;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return await tcs.Task.WaitAsync(timeout.Token);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray())!;
                message.SetLength(0);
                if (node["id"] is not JsonValue idValue) continue; // an event
                TaskCompletionSource<JsonNode>? tcs;
                lock (_waiting) _waiting.Remove(idValue.GetValue<int>(), out tcs);
                if (tcs is null) continue;
                if (node["error"] is { } error) tcs.TrySetException(new InvalidOperationException($"DevTools error: {error.ToJsonString()}"));
                else tcs.TrySetResult(node["result"] ?? new JsonObject());
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
        catch (WebSocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { _socket.Abort(); } catch (ObjectDisposedException) { }
        if (_reader is not null) await _reader.ContinueWith(_ => { });
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
