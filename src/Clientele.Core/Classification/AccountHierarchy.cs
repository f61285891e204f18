using System.Globalization;

namespace Clientele.Classification;

/// <summary>
/// Account hierarchies (group parents and their subsidiaries, from <see cref="CustomerColumns.ParentIndex"/>) rolled up:
/// each account's top parent, its number of descendants, and its group's value. Any depth of hierarchy works.
/// </summary>
/// <remarks>
/// <para>Cycle-safe: a chain of parents that returns to itself is broken by making its lowest-numbered member a top
/// parent (the choice does not depend on the order the accounts are visited in), and the break is reported in
/// <see cref="HierarchyRollUp.Notes"/>. A parent index outside the customers, or a customer naming itself, counts as no
/// parent and is reported too.</para>
/// <para>Cost: O(n) time and a few arrays of n; no per-customer allocation.</para>
/// </remarks>
public static class AccountHierarchy
{
    /// <summary>The most cycles spelt out in the notes; further ones are counted.</summary>
    private const int CyclesListed = 20;

    /// <summary>Rolls <paramref name="value"/> (e.g. <see cref="CustomerScores.Value"/> per customer) up every hierarchy.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> does not have one entry per customer.</exception>
    public static HierarchyRollUp RollUp(CustomerColumns columns, ReadOnlySpan<double> value)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var n = columns.Count;
        if (value.Length != n)
        {
            throw new ArgumentException($"value has {value.Length} entries for {n} customers.", nameof(value));
        }

        var notes = new List<string>();
        var parent = (int[])columns.ParentIndex.Clone();
        int unknown = 0, self = 0, nan = 0;
        for (var i = 0; i < n; i++)
        {
            if (parent[i] == i)
            {
                self++;
                parent[i] = -1;
            }
            else if (parent[i] < -1 || parent[i] >= n)
            {
                unknown++;
                parent[i] = -1;
            }
        }

        var cycles = BreakCycles(columns, parent, notes);
        var depth = Depths(parent, out var top);

        // Deepest first, so a child's subtree is complete before it is added to its parent.
        var maxDepth = 0;
        for (var i = 0; i < n; i++) maxDepth = Math.Max(maxDepth, depth[i]);
        var start = new int[maxDepth + 2];
        for (var i = 0; i < n; i++) start[depth[i] + 1]++;
        for (var d = 0; d <= maxDepth; d++) start[d + 1] += start[d];
        var order = new int[n];
        for (var i = 0; i < n; i++) order[start[depth[i]]++] = i;

        var subsidiaries = new int[n];
        var group = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(value[i])) nan++;
            else group[i] = value[i];
        }

        for (var k = n - 1; k >= 0; k--)
        {
            var i = order[k];
            if (parent[i] >= 0)
            {
                subsidiaries[parent[i]] += subsidiaries[i] + 1;
                group[parent[i]] += group[i];
            }
        }

        if (unknown > 0) notes.Insert(0, $"{Count(unknown)} parent links name no known customer and were ignored.");
        if (self > 0) notes.Insert(0, $"{Count(self)} accounts named themselves as parent; ignored.");
        if (cycles > CyclesListed) notes.Add($"... and {Count(cycles - CyclesListed)} more parent cycles, each broken the same way.");
        if (nan > 0) notes.Add($"{Count(nan)} accounts have no value (NaN); counted as 0 in group values.");
        return new HierarchyRollUp(parent, top, subsidiaries, group, notes);
    }

    /// <summary>Removes one parent link of every cycle (at its lowest-numbered member); returns the number of cycles.</summary>
    private static int BreakCycles(CustomerColumns columns, int[] parent, List<string> notes)
    {
        var n = parent.Length;
        var state = new byte[n]; // 0 unseen, 1 on the current walk, 2 done
        var path = new int[n];
        var cycles = 0;
        for (var i = 0; i < n; i++)
        {
            var length = 0;
            var current = i;
            while (current >= 0 && state[current] == 0)
            {
                state[current] = 1;
                path[length++] = current;
                current = parent[current];
            }

            if (current >= 0 && state[current] == 1)
            {
                var first = length - 1;
                while (path[first] != current) first--;
                var lowest = current;
                for (var k = first; k < length; k++) lowest = Math.Min(lowest, path[k]);
                if (++cycles <= CyclesListed)
                {
                    notes.Add($"parent cycle {Cycle(columns, parent, lowest)} broken: {columns.CustomerId[lowest]} taken as a top parent.");
                }

                parent[lowest] = -1;
            }

            for (var k = 0; k < length; k++) state[path[k]] = 2;
        }

        return cycles;
    }

    /// <summary>"C3 → C7 → C3", at most 10 members spelt out.</summary>
    private static string Cycle(CustomerColumns columns, int[] parent, int start)
    {
        var ids = new List<string> { columns.CustomerId[start] };
        for (var k = parent[start]; k != start; k = parent[k])
        {
            if (ids.Count == 10)
            {
                ids.Add("...");
                break;
            }

            ids.Add(columns.CustomerId[k]);
        }

        ids.Add(columns.CustomerId[start]);
        return string.Join(" → ", ids);
    }

    /// <summary>Levels below the top (0 for a top parent) and the top of each account, on an acyclic parent array.</summary>
    private static int[] Depths(int[] parent, out int[] top)
    {
        var n = parent.Length;
        var depth = new int[n];
        Array.Fill(depth, -1);
        top = new int[n];
        var path = new int[n];
        for (var i = 0; i < n; i++)
        {
            var length = 0;
            var current = i;
            while (depth[current] < 0 && parent[current] >= 0)
            {
                path[length++] = current;
                current = parent[current];
            }

            if (depth[current] < 0)
            {
                depth[current] = 0;
                top[current] = current;
            }

            for (var k = length - 1; k >= 0; k--)
            {
                var child = path[k];
                depth[child] = depth[parent[child]] + 1;
                top[child] = top[parent[child]];
            }
        }

        return depth;
    }

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
