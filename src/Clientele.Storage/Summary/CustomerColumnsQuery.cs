using System.Diagnostics;
using System.Globalization;
using Clientele.Classification;
using Clientele.Customers;
using DuckDB.NET.Data;

namespace Clientele.Storage.Summary;

/// <summary>
/// Fills the <see cref="CustomerColumns"/> the classifications read, for the customers of a
/// <see cref="CustomerSummary"/> (same customers, same order) and its as-of date: orders and interactions after
/// that day are ignored, and so are referrals dated after it. The work is done inside the workspace's database
/// (orders are grouped once, per customer and product line); only per-customer results come into memory, read
/// with typed getters into the arrays.
/// </summary>
public static class CustomerColumnsQuery
{
    /// <summary>The columns of the summary's customers. See <see cref="Read"/> for what is left out.</summary>
    public static CustomerColumns Run(Workspace workspace, CustomerSummary summary, CustomerColumnsQueryOptions? options = null) =>
        Read(workspace, summary, options).Columns;

    /// <summary>
    /// The columns of the summary's customers, with notes on what was left out: supply links naming a party that is
    /// not among the summary's customers (unknown, or known only after the as-of date). Parent accounts and referrers
    /// outside the summary read as −1.
    /// </summary>
    /// <exception cref="WorkspaceException">The summary names customers the workspace does not have (it was computed on another workspace).</exception>
    public static CustomerColumnsQueryResult Read(Workspace workspace, CustomerSummary summary, CustomerColumnsQueryOptions? options = null) =>
        ReadTimed(workspace, summary, options, null);

    /// <summary><see cref="Read(Workspace, CustomerSummary, CustomerColumnsQueryOptions?)"/>, reporting each statement's first line and time to <paramref name="step"/>.</summary>
    internal static CustomerColumnsQueryResult ReadTimed(Workspace workspace, CustomerSummary summary, CustomerColumnsQueryOptions? options, Action<string, TimeSpan>? step)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(summary);
        options ??= new CustomerColumnsQueryOptions();
        options.Validate();
        var sql = new CustomerColumnsSql(summary.AsOf, options);
        var db = new Db(workspace.Connection, step);
        try
        {
            db.Execute(CustomerColumnsSql.Ids);
            db.Append("cc_ids", summary.CustomerId);
            db.Execute(CustomerColumnsSql.Levels);
            db.Execute(CustomerColumnsSql.Parties);
            db.Query(CustomerColumnsSql.MissingParty, r =>
            {
                if (!r.IsDBNull(0))
                    throw new WorkspaceException($"the summary names customer {r.GetString(0)}, which this workspace does not have: compute the summary on the same workspace, then the columns.");
            });
            db.Execute(sql.OrderLines);
            db.Execute(CustomerColumnsSql.Lines);
            var lines = new List<string>();
            db.Query(CustomerColumnsSql.ReadLines, r => lines.Add(r.GetString(0)));
            var columns = new CustomerColumns(summary, lines);
            var levels = ReadLevels(db);
            ReadParties(db, columns, levels);
            db.Execute(sql.Customers);
            ReadOrders(db, sql, columns);
            ReadInteractions(db, sql, columns);
            db.Execute(sql.Launches);
            ReadLinesAndInfluence(db, sql, columns);
            var notes = new List<string>();
            ReadSupplyLinks(db, columns, notes);
            db.Execute(CustomerColumnsSql.Contacts);
            columns.Contacts = ReadContacts(db, levels[^1]);
            columns.Targets = ReadTargets(db);
            return new CustomerColumnsQueryResult(columns, notes);
        }
        finally
        {
            foreach (var table in CustomerColumnsSql.TempTables) db.Execute($"DROP TABLE IF EXISTS {table}");
        }
    }

    /// <summary>The values of each categorical column by code; the last entry is contacts' titles.</summary>
    private static string[][] ReadLevels(Db db)
    {
        var lists = new List<(int Code, string Value)>[CustomerColumnsSql.PartyLevels.Length + 1];
        for (var c = 0; c < lists.Length; c++) lists[c] = [];
        db.Query(CustomerColumnsSql.ReadLevels, r => lists[r.GetInt32(0)].Add((r.GetInt32(1), r.GetString(2))));
        return [.. lists.Select(list =>
        {
            var values = new string[list.Count];
            foreach (var (code, value) in list) values[code] = value;
            return values;
        })];
    }

    private static void ReadParties(Db db, CustomerColumns columns, string[][] levels)
    {
        db.Query(CustomerColumnsSql.ReadParties, r =>
        {
            var i = r.GetInt32(0);
            columns.Name[i] = r.IsDBNull(1) ? null : r.GetString(1);
            var c = 2;
            columns.Kind[i] = Level(r, c++, levels[0]);
            columns.Industry[i] = Level(r, c++, levels[1]);
            columns.Domain[i] = Level(r, c++, levels[2]);
            columns.PopulationGroup[i] = Level(r, c++, levels[3]);
            columns.Region[i] = Level(r, c++, levels[4]);
            columns.Country[i] = Level(r, c++, levels[5]);
            columns.Channel[i] = Level(r, c++, levels[6]);
            columns.AcquiredAt[i] = r.IsDBNull(c) ? null : r.GetFieldValue<DateOnly>(c);
            columns.IsProminent[i] = !r.IsDBNull(++c) && r.GetBoolean(c);
            columns.WalletEstimate[i] = r.IsDBNull(++c) ? null : r.GetDouble(c);
            columns.ParentIndex[i] = r.IsDBNull(++c) ? -1 : r.GetInt32(c);
            columns.ReferredByIndex[i] = r.IsDBNull(++c) ? -1 : r.GetInt32(c);
        });
    }

    private static string? Level(DuckDBDataReader r, int column, string[] values) => r.IsDBNull(column) ? null : values[r.GetInt32(column)];

    private static void ReadOrders(Db db, CustomerColumnsSql sql, CustomerColumns columns)
    {
        db.Query(sql.ReadOrderTotals, r =>
        {
            var i = r.GetInt32(0);
            columns.CancelledOrders[i] = r.GetInt32(1);
            columns.ReturnMargin[i] = r.GetDouble(2);
            columns.RevenueLastYear[i] = r.GetDouble(3);
            columns.RecentReturns[i] = r.GetInt32(4);
        });
        db.Query(CustomerColumnsSql.ReadLineOrders, r =>
        {
            var i = r.GetInt32(0);
            columns.LineOrders[r.GetInt32(1)][i] = r.GetInt32(2);
        });
        db.Query(sql.ReadReferred, r =>
        {
            var i = r.GetInt32(0);
            columns.ReferredRevenue[i] = r.GetDouble(1);
            columns.ReferredMargin[i] = r.GetDouble(2);
        });
    }

    private static void ReadInteractions(Db db, CustomerColumnsSql sql, CustomerColumns columns)
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
            columns.ProspectTouches[i] = r.GetInt32(8);
            columns.LastTouch[i] = r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9);
            columns.OpportunityOutcome[i] = r.IsDBNull(10) ? null : words.Get(r.GetString(10));
            columns.RecentComplaints[i] = r.GetInt32(11);
            columns.RecentLowScores[i] = r.GetInt32(12);
            columns.RecentServiceCost[i] = r.GetDouble(13);
        });
        db.Query(sql.ReadComplaintTags, r =>
        {
            var i = r.GetInt32(0);
            columns.RecentComplaintTag[i] = words.Get(r.GetString(1));
        });
        db.Query(sql.ReadSuggestionTags, r =>
        {
            var i = r.GetInt32(0);
            columns.SuggestionTags[i] = r.GetString(1);
        });
        db.Query(sql.ReadLineInterest, r =>
        {
            var i = r.GetInt32(0);
            columns.LineInterest[r.GetInt32(1)][i] = r.GetInt32(2);
        });
    }

    private static void ReadLinesAndInfluence(Db db, CustomerColumnsSql sql, CustomerColumns columns)
    {
        db.Query(CustomerColumnsSql.ReadAdoption, r =>
        {
            var i = r.GetInt32(0);
            columns.NewLinesAdopted[i] = r.GetInt32(1);
            columns.EarliestAdoptionDays[i] = r.GetDouble(2);
            columns.EarliestAdoptionRank[i] = r.GetDouble(3);
        });
        db.Query(sql.ReadFollowers, r =>
        {
            var i = r.GetInt32(0);
            columns.FollowedLine[i] = columns.ProductLines[r.GetInt32(1)];
            columns.Followers[i] = r.GetInt32(2);
            columns.FollowersExpected[i] = r.GetDouble(3);
            columns.FollowersRevenue[i] = r.GetDouble(4);
        });
    }

    private static void ReadSupplyLinks(Db db, CustomerColumns columns, List<string> notes)
    {
        var (sellers, buyers) = (new List<int>(), new List<int>());
        var dropped = 0;
        db.Query(CustomerColumnsSql.ReadSupplyLinks, r =>
        {
            var seller = r.IsDBNull(0) ? -1 : r.GetInt32(0);
            var buyer = r.IsDBNull(1) ? -1 : r.GetInt32(1);
            if (seller < 0 || buyer < 0)
            {
                dropped++;
                return;
            }
            sellers.Add(seller);
            buyers.Add(buyer);
        });
        columns.SupplySeller = [.. sellers];
        columns.SupplyBuyer = [.. buyers];
        if (dropped > 0)
        {
            notes.Add(string.Format(CultureInfo.InvariantCulture,
                "{0:N0} supply link{1} name{2} a party outside the summary (unknown, or known only after the as-of date) and {3} left out.",
                dropped, dropped == 1 ? "" : "s", dropped == 1 ? "s" : "", dropped == 1 ? "was" : "were"));
        }
    }

    private static ContactColumns ReadContacts(Db db, string[] titles)
    {
        var (ids, customers, names, titleList) = (new List<string>(), new List<int>(), new List<string?>(), new List<string?>());
        db.Query(CustomerColumnsSql.ReadContacts, r =>
        {
            customers.Add(r.GetInt32(1));
            ids.Add(r.GetString(2));
            names.Add(r.IsDBNull(3) ? null : r.GetString(3));
            titleList.Add(Level(r, 4, titles));
        });
        var (roleContact, roles, weights) = (new List<int>(), new List<string>(), new List<double>());
        var words = new Words();
        db.Query(CustomerColumnsSql.ReadRoles, r =>
        {
            roleContact.Add(r.GetInt32(0));
            roles.Add(words.Get(r.GetString(1)));
            weights.Add(r.GetDouble(2));
        });
        return new ContactColumns([.. ids], [.. customers], [.. names], [.. titleList], [.. roleContact], [.. roles], [.. weights]);
    }

    private static List<TargetGroup> ReadTargets(Db db)
    {
        var targets = new List<TargetGroup>();
        db.Query(CustomerColumnsSql.ReadTargets, r => targets.Add(new TargetGroup(
            r.GetString(0),
            r.IsDBNull(1) ? null : r.GetDouble(1),
            r.IsDBNull(2) ? null : r.GetDouble(2),
            r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3))));
        return targets;
    }

    /// <summary>The workspace's connection, timing each statement for <c>step</c> (the benchmark's breakdown).</summary>
    private sealed class Db(DuckDBConnection connection, Action<string, TimeSpan>? step)
    {
        public void Execute(string sql)
        {
            var start = Stopwatch.GetTimestamp();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
            step?.Invoke(FirstLine(sql), Stopwatch.GetElapsedTime(start));
        }

        public void Query(string sql, Action<DuckDBDataReader> read)
        {
            var start = Stopwatch.GetTimestamp();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = sql;
                using var reader = command.ExecuteReader();
                while (reader.Read()) read(reader);
            }
            step?.Invoke(FirstLine(sql), Stopwatch.GetElapsedTime(start));
        }

        /// <summary>Appends (id, index) rows to a temporary table of two columns.</summary>
        public void Append(string table, string[] ids)
        {
            var start = Stopwatch.GetTimestamp();
            using (var appender = connection.CreateAppender("temp", "main", table))
            {
                for (var i = 0; i < ids.Length; i++) appender.CreateRow().AppendValue(ids[i]).AppendValue(i).EndRow();
            }
            step?.Invoke("append " + table, Stopwatch.GetElapsedTime(start));
        }

        private static string FirstLine(string sql) => sql.Split('\n')[0];
    }

    /// <summary>One string instance per distinct word (tags, roles repeat across millions of rows).</summary>
    private sealed class Words
    {
        private readonly Dictionary<string, string> _words = new(StringComparer.Ordinal);

        public string Get(string word)
        {
            if (_words.TryGetValue(word, out var known)) return known;
            _words.Add(word, word);
            return word;
        }
    }
}
