# Signpost: a static binary on a distroless base, run as non-root with the
# bundled content and time zone data inside the binary.
FROM golang:1.26-bookworm AS build
WORKDIR /src
# Modules first, so a source change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/signpost ./cmd/signpost

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/signpost /signpost
USER nonroot:nonroot
EXPOSE 8080
ENV SIGNPOST_HTTP_ADDR=:8080
ENTRYPOINT ["/signpost"]
CMD ["serve"]
