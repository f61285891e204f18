using System.Globalization;
using Clientele.Clv;
using Clientele.Storage.Tests;

namespace Clientele.Core.Tests.Clv;

/// <summary>The published CDNOW calibration summary (2,357 customers, weeks), read from ../shared/data; skips the test when absent.</summary>
internal static class CdnowSummary
{
    public static RepeatPurchases Load()
    {
        var rows = File.ReadAllLines(SharedData.Require("cdnow/cdnow_customers_summary.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return RepeatPurchases.Create(rows.Select(r => r[1]).ToArray(), rows.Select(r => r[2]).ToArray(), rows.Select(r => r[3]).ToArray());
    }
}
