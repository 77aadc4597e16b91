using DrugTrace.Benchmarks;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The benchmark report's header names the Mongo server without its password, however it is encoded.</summary>
public sealed class BenchmarkStoreChoiceTests
{
    [Theory]
    // The driver decodes this password to "p@ss/w0rd", which is not in the text: replacing the decoded form printed it whole.
    [InlineData("mongodb://bench:p%40ss%2Fw0rd@db1:27017/?replicaSet=rs0", "mongodb://bench:***@db1:27017/?replicaSet=rs0")]
    [InlineData("mongodb://bench:plain-secret@db1/?replicaSet=rs0", "mongodb://bench:***@db1/?replicaSet=rs0")]
    [InlineData("mongodb://db1/?replicaSet=rs0&tlsCertificateKeyFilePassword=k3y", "mongodb://db1/?replicaSet=rs0&tlsCertificateKeyFilePassword=***")]
    public void The_report_header_hides_the_password(string url, string shown)
    {
        var description = StoreChoice.Mongo(url).Describe();

        Assert.StartsWith($"MongoDB at {shown}, database drugtrace_bench_", description, StringComparison.Ordinal);
        foreach (var secret in new[] { "p%40ss", "p@ss", "w0rd", "plain-secret", "k3y" })
            Assert.DoesNotContain(secret, description, StringComparison.Ordinal);
    }
}
