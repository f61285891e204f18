using Clientele.Tables;

namespace Clientele.Storage.Tests.Schema;

/// <summary>docs/schema.md lists every table and column of the catalogue, so the documentation stays true.</summary>
public sealed class SchemaDocumentationTests
{
    [Fact]
    public void Every_canonical_table_and_column_is_documented_with_its_type()
    {
        var doc = File.ReadAllText(Path.Combine(SharedData.Repository, "docs", "schema.md"));
        foreach (var table in CanonicalTables.All)
        {
            var start = doc.IndexOf($"\n## {table.Name}", StringComparison.Ordinal);
            Assert.True(start >= 0, $"docs/schema.md has no section for {table.Name}");
            var end = doc.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
            var section = end < 0 ? doc[start..] : doc[start..end];
            foreach (var column in table.Columns)
            {
                Assert.Contains($"| {column.Name} | {column.Type.ToString().ToLowerInvariant()} | {(column.Required ? "yes" : "")} |", section);
            }
        }
    }
}
