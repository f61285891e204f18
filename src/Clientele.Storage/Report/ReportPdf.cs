using System.Diagnostics;

namespace Clientele.Storage.Report;

/// <summary>
/// Prints the report's HTML to PDF with headless Chromium (<c>--headless --print-to-pdf</c>): the page is written to a
/// temporary folder with a throw-away browser profile, printed, and the folder deleted on every path.
/// </summary>
public static class ReportPdf
{
    /// <summary>Where Debian's package puts Chromium (<c>apt-get install chromium</c>).</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>How long Chromium may take to print before it is stopped.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Writes <paramref name="html"/> as a PDF to <paramref name="path"/> (replacing it).</summary>
    /// <exception cref="WorkspaceException">Chromium is missing, fails, or takes longer than <see cref="Timeout"/>.</exception>
    public static void Write(string html, string path, string chromium = DefaultChromium)
    {
        if (!File.Exists(chromium))
            throw new WorkspaceException($"a PDF report needs Chromium at {chromium} (apt-get install chromium); write HTML instead with --out report.html.");
        var folder = Directory.CreateTempSubdirectory("clientele-report-").FullName;
        try
        {
            var page = Path.Combine(folder, "report.html");
            var pdf = Path.Combine(folder, "report.pdf");
            File.WriteAllText(page, html);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-pdf-header-footer",
                $"--user-data-dir={Path.Combine(folder, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new WorkspaceException($"Chromium at {chromium} did not start.");
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new WorkspaceException($"Chromium did not print the report within {Timeout.TotalSeconds:0} seconds.");
            }
            if (process.ExitCode != 0 || !File.Exists(pdf))
                throw new WorkspaceException($"Chromium could not print the report (exit {process.ExitCode}): {LastLine(error.Result)}");
            File.Move(pdf, path, overwrite: true);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
}
