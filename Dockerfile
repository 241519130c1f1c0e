# syntax=docker/dockerfile:1
#
# One image recipe for every deployable .NET project in the solution.
#
#   docker build \
#     --build-arg PROJECT=services/Registry/Platform.Registry.csproj \
#     --build-arg ASSEMBLY=Platform.Registry \
#     -t platform/registry:dev .
#
#   docker build \
#     --build-arg PROJECT=gateway/Platform.Gateway/Platform.Gateway.csproj \
#     --build-arg ASSEMBLY=Platform.Gateway \
#     -t platform/gateway:dev .
#
# PROJECT is the csproj path relative to the solution root; ASSEMBLY is the
# name of the published entry assembly (without ".dll").

# ---------------------------------------------------------------------------
# Build stage: runs on the build machine's own architecture and cross-targets
# the requested platform, so multi-platform builds do not run the compiler or
# protoc under emulation.
# ---------------------------------------------------------------------------
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
ARG ASSEMBLY
ARG TARGETARCH
ARG CONFIGURATION=Release

RUN test -n "$PROJECT" && test -n "$ASSEMBLY" \
    || { echo "Pass --build-arg PROJECT=<path/to/Project.csproj> and --build-arg ASSEMBLY=<AssemblyName>" >&2; exit 1; }

# The SDK's own usage telemetry stays off on the build machine too.
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1

WORKDIR /src

# The whole solution is copied (minus what .dockerignore drops: bin/, obj/,
# tests/, deployment files, ...). Every service compiles the shared protos/
# and references the shared libraries under services/, and the root
# global.json / Directory.Build.props / Directory.Packages.props drive the
# build, so a per-csproj copy would have to be kept in step with every
# project's references. The NuGet cache mount keeps restores fast instead.
COPY . .

RUN --mount=type=cache,id=nuget-packages,target=/root/.nuget/packages \
    dotnet restore "$PROJECT" -a "$TARGETARCH"

RUN --mount=type=cache,id=nuget-packages,target=/root/.nuget/packages \
    dotnet publish "$PROJECT" \
        --no-restore \
        -a "$TARGETARCH" \
        -c "$CONFIGURATION" \
        -o /app \
        -p:UseAppHost=false \
    && { test -f "/app/$ASSEMBLY.dll" \
         || { echo "Publishing $PROJECT did not produce $ASSEMBLY.dll: check the ASSEMBLY build argument" >&2; exit 1; }; }

# ---------------------------------------------------------------------------
# Runtime stage: ASP.NET Core runtime only, running as the image's built-in
# non-root "app" user.
# ---------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
ARG ASSEMBLY

# Two Kestrel endpoints: cleartext HTTP/2 for gRPC on 8080, HTTP/1.1 for JSON
# transcoding and the /alive and /ready probes on 8081. These are defaults only; compose
# and the Kubernetes manifests set the same values explicitly.
# ASPNETCORE_HTTP_PORTS (8080 in the base image) is cleared so that it does not
# compete with the named endpoints.
ENV APP_ASSEMBLY=${ASSEMBLY} \
    ASPNETCORE_HTTP_PORTS= \
    Kestrel__Endpoints__Grpc__Url=http://+:8080 \
    Kestrel__Endpoints__Grpc__Protocols=Http2 \
    Kestrel__Endpoints__Http__Url=http://+:8081 \
    Kestrel__Endpoints__Http__Protocols=Http1

# The web app's shared key ring (a volume in compose and Kubernetes): a new
# Docker volume takes this folder's owner, so the app user can write keys to it.
RUN mkdir -p /var/lib/platform-web/keys && chown $APP_UID:$APP_UID /var/lib/platform-web/keys

WORKDIR /app
# Files stay owned by root: the app user can read them but not change them.
COPY --from=build /app .

# Numeric UID (1654, the base image's "app" user) so that Kubernetes'
# runAsNonRoot can verify the user without resolving a name.
USER $APP_UID

EXPOSE 8080 8081

# The aspnet image has neither curl nor wget, and the probe should not add a
# package (or a helper executable) to every image. bash's /dev/tcp is enough
# to send one HTTP/1.1 request to the local /ready endpoint (database and
# broker reachable) and check for a 200 status line; the Docker timeout ends a
# request that never answers. compose inherits this healthcheck (the gateway
# waits for the services to be ready through it); Docker restarts nothing for
# an unhealthy container, so readiness is the right question here. Kubernetes
# ignores it and uses the httpGet probes in k8s/base instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Exec form through sh so the assembly name can come from the build argument;
# "exec" makes dotnet PID 1 so it receives SIGTERM directly and shuts down
# gracefully. Extra container arguments are passed on to the application.
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"/app/${APP_ASSEMBLY}.dll\" \"$@\"", "--"]
