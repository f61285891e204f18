using Clientele.Web.Hosting;

var app = ClienteleServer.Build(WebApplication.CreateBuilder(args));
app.Run();

/// <summary>The entry point of the server when run on its own (<c>dotnet run --project src/Clientele.Web</c>); <c>clientele serve</c> is the usual way.</summary>
public partial class Program;
