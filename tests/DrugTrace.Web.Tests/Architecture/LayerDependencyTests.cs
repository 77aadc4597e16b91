using System.Reflection;
using NetArchTest.Rules;

namespace DrugTrace.Web.Tests.Architecture;

/// <summary>
/// Dependencies point inward (Web → Application → Domain; stores → Application), checked on the
/// compiled assemblies, so a stray reference fails here instead of in a review.
/// </summary>
public sealed class LayerDependencyTests
{
    private static readonly Assembly Domain = typeof(DrugTrace.Domain.Gs1.Gtin).Assembly;
    private static readonly Assembly Application = typeof(DrugTrace.Application.DependencyInjection).Assembly;
    private static readonly Assembly Web = typeof(DrugTrace.Web.DependencyInjection).Assembly;
    private static readonly Assembly Sqlite = typeof(DrugTrace.Storage.Sqlite.DependencyInjection).Assembly;
    private static readonly Assembly Mongo = typeof(DrugTrace.Storage.Mongo.DependencyInjection).Assembly;

    /// <summary>What a pure domain must not touch: the outer layers and anything that does I/O.</summary>
    private static readonly string[] OuterOrIo =
    [
        "DrugTrace.Application", "DrugTrace.Web", "DrugTrace.Storage",
        "Microsoft.Data", "MongoDB", "System.Data", "System.Net.Http", "System.Net.Sockets", "Microsoft.AspNetCore", "Microsoft.Extensions",
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.Console",
        "SkiaSharp", "ZXing", "Mediator",
    ];

    private static void AssertNone(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful,
            $"{assembly.GetName().Name} depends on one of {string.Join(", ", forbidden)}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_domain_references_no_outer_layer_no_store_and_no_io() => AssertNone(Domain, OuterOrIo);

    [Fact]
    public void The_application_references_neither_the_web_nor_a_store() =>
        AssertNone(Application, "DrugTrace.Web", "DrugTrace.Storage", "Microsoft.Data", "MongoDB", "Microsoft.AspNetCore");

    /// <summary>
    /// The web stack a store must not touch. Data Protection's key repository is the one ASP.NET Core
    /// abstraction a store implements (the Mongo store keeps the instances' shared keys), so it is not listed.
    /// </summary>
    private static readonly string[] WebStack =
    [
        "DrugTrace.Web", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.SignalR", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Authentication",
    ];

    [Fact]
    public void The_sqlite_store_references_neither_the_other_store_nor_the_web() =>
        AssertNone(Sqlite, ["DrugTrace.Storage.Mongo", "MongoDB", .. WebStack]);

    [Fact]
    public void The_mongo_store_references_neither_the_other_store_nor_the_web() =>
        AssertNone(Mongo, ["DrugTrace.Storage.Sqlite", "Microsoft.Data.Sqlite", .. WebStack]);

    [Fact]
    public void The_check_sees_a_real_dependency()
    {
        // The same rule on a layer that does depend inward must fail, or the tests above prove nothing.
        var result = Types.InAssembly(Web).ShouldNot().HaveDependencyOnAny("DrugTrace.Application").GetResult();
        Assert.False(result.IsSuccessful);
        Assert.False(Types.InAssembly(Sqlite).ShouldNot().HaveDependencyOnAny("Microsoft.Data.Sqlite").GetResult().IsSuccessful);
    }
}
