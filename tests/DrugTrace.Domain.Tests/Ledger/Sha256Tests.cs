using System.Security.Cryptography;
using System.Text;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Tests.Ledger;

public class Sha256Tests
{
    // FIPS 180-2 appendix B and the empty message.
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Known_messages_give_the_standards_digests(string message, string digest)
    {
        Assert.Equal(digest, Sha256.Hash(Encoding.ASCII.GetBytes(message)).ToString());
    }

    [Fact]
    public void A_million_a_gives_the_standards_digest()
    {
        var input = new byte[1_000_000];
        input.AsSpan().Fill((byte)'a');
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Sha256.Hash(input).ToString());
    }

    [Fact]
    public void Every_length_up_to_three_blocks_and_a_long_one_equal_dotNets_digest()
    {
        var input = new byte[5_000];
        new Random(6962).NextBytes(input);
        var digest = new byte[Sha256.Size];
        var fallback = new byte[Sha256.Size];
        foreach (var length in Enumerable.Range(0, 200).Append(4_096).Append(4_097).Append(4_999).Append(5_000))
        {
            var part = input.AsSpan(0, length);
            Sha256.Hash(part, digest);
            Sha256.ThroughDotNet(part, fallback);
            var expected = SHA256.HashData(part);
            Assert.True(expected.AsSpan().SequenceEqual(digest), $"length {length}");
            Assert.True(expected.AsSpan().SequenceEqual(fallback), $"length {length}, .NET's path");
        }
    }

    [Fact]
    public void Only_the_first_32_bytes_of_a_longer_digest_buffer_are_written()
    {
        var digest = new byte[40];
        digest.AsSpan().Fill(0xEE);
        Sha256.Hash("abc"u8, digest);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digest.AsSpan(0, 32)));
        Assert.All(digest[32..], b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void A_digest_buffer_shorter_than_32_bytes_is_refused_with_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Sha256.Hash("abc"u8, new byte[31]));
        Assert.Contains("needs 32 bytes; 31 were given", error.Message);
    }

    [Fact]
    public void Threads_hashing_at_once_each_get_their_own_inputs_digest()
    {
        var inputs = Enumerable.Range(0, 4_000).Select(i => Encoding.UTF8.GetBytes($"event {i} " + new string('x', i % 300))).ToArray();
        var results = new string[inputs.Length];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = Sha256.Hash(inputs[i]).ToString());
        for (var i = 0; i < inputs.Length; i++)
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(inputs[i])), results[i]);
    }

    [Fact]
    public void On_Linux_with_OpenSSL_3_the_digests_come_from_libcrypto_directly()
    {
        // The CI image and the Dockerfile are Debian with OpenSSL 3: there the fast path must be the one in use.
        if (!OperatingSystem.IsLinux() || !System.Runtime.InteropServices.NativeLibrary.TryLoad("libcrypto.so.3", out _)) return;
        Assert.True(Sha256.IsDirect);
    }
}
