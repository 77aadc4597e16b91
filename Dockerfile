# Multi-stage: build with the SDK, run on the ASP.NET runtime as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig DrugTrace.sln ./
COPY src/ src/
RUN dotnet publish src/DrugTrace.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY wwwroot/ /app/wwwroot/
COPY seed-data/ /app/seed-data/
# Production: no seed data (its published demo keys would be live). Set at run time:
#   Labels__DigitalLinkBase=https://your.verify.host   (required: printed Digital Links point there)
#   Bootstrap__RegulatorKey=<32+ random characters>     (once, for POST /api/v1/bootstrap with X-Bootstrap-Key;
#                                                        registers the first regulator, then remove it)
# See README.md, "Production start".
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_WEBROOT=/app/wwwroot \
    Seed__Directory=/app/seed-data \
    Storage__Sqlite__DataDirectory=/data
RUN mkdir -p /data && chown app:app /data
VOLUME /data
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "DrugTrace.Web.dll"]
