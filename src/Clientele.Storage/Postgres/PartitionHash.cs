using System.Buffers;
using System.Text;

namespace Clientele.Storage.Postgres;

/// <summary>
/// The hash partition PostgreSQL puts a row of a text key in (<c>PARTITION BY HASH (customer_id)</c>, partitions
/// <c>FOR VALUES WITH (MODULUS n, REMAINDER i)</c> of one modulus), computed on the client so an import can write each shard's rows
/// to that shard itself. Exactly PostgreSQL's choice, as <c>satisfies_hash_partition</c> answers it (tested on ids of every
/// length, non-ASCII ones included): the key's UTF-8 bytes hashed by <c>hash_bytes_extended</c> (Bob Jenkins' lookup3, 2006,
/// as in PostgreSQL's <c>src/common/hashfn.c</c>, little-endian) with the partitioning seed, combined as
/// <c>hash_combine64(0, h)</c> (<c>partbounds.c</c>), modulo n. Valid for a database whose encoding is UTF-8 and whose key column
/// has a deterministic collation (every database's default), the only kind a workspace's shards are made in.
/// </summary>
internal static class PartitionHash
{
    /// <summary>PostgreSQL's <c>HASH_PARTITION_SEED</c> (<c>partition.h</c>).</summary>
    private const ulong Seed = 0x7A5B22367996DCFD;

    /// <summary>The random constant of PostgreSQL's <c>hash_combine64</c>.</summary>
    private const ulong Combine = 0x49a0f4dd15e5a8e3;

    /// <summary>The remainder of the partition <paramref name="key"/> belongs to among <paramref name="modulus"/> (a null key: 0, as PostgreSQL's row hash of nothing).</summary>
    public static int Remainder(string? key, int modulus)
    {
        if (key is null) return 0;
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        var rented = length <= 512 ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> buffer = rented ?? stackalloc byte[512];
        try
        {
            var bytes = buffer[..Encoding.UTF8.GetBytes(key, buffer)];
            return (int)((Extended(bytes, Seed) + Combine) % (ulong)modulus);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>PostgreSQL's <c>hash_bytes_extended</c>: lookup3 over the bytes read as little-endian words, the seed mixed in first; b in the high half, c in the low.</summary>
    internal static ulong Extended(ReadOnlySpan<byte> k, ulong seed)
    {
        uint a, b, c;
        a = b = c = 0x9e3779b9 + (uint)k.Length + 3923095;
        if (seed != 0)
        {
            a += (uint)(seed >> 32);
            b += (uint)seed;
            Mix(ref a, ref b, ref c);
        }
        while (k.Length >= 12)
        {
            a += Word(k, 0);
            b += Word(k, 4);
            c += Word(k, 8);
            Mix(ref a, ref b, ref c);
            k = k[12..];
        }
        // The last 11 bytes or fewer; the lowest byte of c is left for the length (added at the start).
        switch (k.Length)
        {
            case 11: c += (uint)k[10] << 24; goto case 10;
            case 10: c += (uint)k[9] << 16; goto case 9;
            case 9: c += (uint)k[8] << 8; goto case 8;
            case 8: b += (uint)k[7] << 24; goto case 7;
            case 7: b += (uint)k[6] << 16; goto case 6;
            case 6: b += (uint)k[5] << 8; goto case 5;
            case 5: b += k[4]; goto case 4;
            case 4: a += (uint)k[3] << 24; goto case 3;
            case 3: a += (uint)k[2] << 16; goto case 2;
            case 2: a += (uint)k[1] << 8; goto case 1;
            case 1: a += k[0]; break;
        }
        Final(ref a, ref b, ref c);
        return ((ulong)b << 32) | c;
    }

    private static uint Word(ReadOnlySpan<byte> k, int at) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(k[at..]);

    private static uint Rot(uint x, int k) => (x << k) | (x >> (32 - k));

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= Rot(c, 4); c += b;
        b -= a; b ^= Rot(a, 6); a += c;
        c -= b; c ^= Rot(b, 8); b += a;
        a -= c; a ^= Rot(c, 16); c += b;
        b -= a; b ^= Rot(a, 19); a += c;
        c -= b; c ^= Rot(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= Rot(b, 14);
        a ^= c; a -= Rot(c, 11);
        b ^= a; b -= Rot(a, 25);
        c ^= b; c -= Rot(b, 16);
        a ^= c; a -= Rot(c, 4);
        b ^= a; b -= Rot(a, 14);
        c ^= b; c -= Rot(b, 24);
    }
}
