.PHONY: run test check fuzz bench lint
run:
	go run ./cmd/signpost serve
test:
	scripts/test.sh
check:
	go run ./cmd/signpost check intents
fuzz:
	scripts/fuzz.sh 30s
bench:
	go test -run '^$$' -bench . -benchmem ./internal/...
lint:
	go vet ./... && test -z "$$(gofmt -l .)"
