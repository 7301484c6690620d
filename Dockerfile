# Signpost: a static binary on a distroless base, run as non-root with the
# bundled content and time zone data inside the binary.
#   docker build --build-arg VERSION=1.4.0 -t signpost:1.4.0 .
FROM golang:1.26-bookworm AS build
WORKDIR /src
# Modules first, so a source change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/signpost ./cmd/signpost

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/signpost /signpost
USER nonroot:nonroot
EXPOSE 8080
ENV SIGNPOST_HTTP_ADDR=:8080
# No shell or curl in the image: the binary checks its own /readyz.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 CMD ["/signpost", "healthcheck"]
ENTRYPOINT ["/signpost"]
CMD ["serve"]
