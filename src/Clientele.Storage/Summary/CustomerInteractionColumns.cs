using System.Globalization;
using System.Text;
using Clientele.Classification;

namespace Clientele.Storage.Summary;

/// <summary>The interaction columns of <see cref="CustomerColumnsQuery"/>: scores, sentiment, touches, tags and churn signals.</summary>
internal static class CustomerInteractionColumns
{
    public static void Read(CustomerColumnsDb db, CustomerColumnsSql sql, CustomerColumns columns)
    {
        var words = new Words();
        db.Query(sql.ReadInteractions, r =>
        {
            var i = r.GetInt32(0);
            columns.SurveyAnswers[i] = r.GetInt32(1);
            columns.PromoterAnswers[i] = r.GetInt32(2);
            columns.DetractorAnswers[i] = r.GetInt32(3);
            columns.PositiveReviews[i] = r.GetInt32(4);
            columns.NegativeReviews[i] = r.GetInt32(5);
            columns.PositiveInteractions[i] = r.GetInt32(6);
            columns.NegativeInteractions[i] = r.GetInt32(7);
            columns.LastTouch[i] = r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8);
            columns.OpportunityOutcome[i] = r.IsDBNull(9) ? null : words.Get(r.GetString(9));
            columns.RecentComplaints[i] = r.GetInt32(10);
            columns.RecentLowScores[i] = r.GetInt32(11);
            columns.RecentServiceCost[i] = r.GetDouble(12);
            columns.ProspectTouches[i] = r.GetInt32(13);
        });
        db.Query(sql.ReadLineInterest, r => columns.LineInterest[r.GetInt32(1)][r.GetInt32(0)] = r.GetInt32(2));
        ReadTags(db, sql, columns, words);
    }

    /// <summary>
    /// The most frequent complaint tag of the signal window (ties: the latest, then the last by name) and the
    /// suggestions' tags as "tag:count, ..." (most frequent first, then by name).
    /// </summary>
    private static void ReadTags(CustomerColumnsDb db, CustomerColumnsSql sql, CustomerColumns columns, Words words)
    {
        var complaintCount = new Dictionary<int, (int Count, DateTime Latest)>();
        var suggestions = new Dictionary<int, List<(string Tag, int Count)>>();
        db.Query(sql.ReadTags, r =>
        {
            var i = r.GetInt32(0);
            var tag = words.Get(r.GetString(2));
            var count = r.GetInt32(3);
            if (!r.GetBoolean(1))
            {
                if (!suggestions.TryGetValue(i, out var list)) suggestions.Add(i, list = []);
                list.Add((tag, count));
                return;
            }
            var latest = r.GetDateTime(4);
            if (complaintCount.TryGetValue(i, out var best))
            {
                var order = count != best.Count ? count.CompareTo(best.Count)
                    : latest != best.Latest ? latest.CompareTo(best.Latest)
                    : string.CompareOrdinal(tag, columns.RecentComplaintTag[i]);
                if (order <= 0) return;
            }
            complaintCount[i] = (count, latest);
            columns.RecentComplaintTag[i] = tag;
        });
        var text = new StringBuilder();
        foreach (var (i, list) in suggestions)
        {
            list.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.Tag, y.Tag));
            text.Clear();
            foreach (var (tag, count) in list)
            {
                if (text.Length > 0) text.Append(", ");
                text.Append(tag).Append(':').Append(count.ToString(CultureInfo.InvariantCulture));
            }
            columns.SuggestionTags[i] = text.ToString();
        }
    }
}
