/// Valid deliveries that calibrate the run (SPEC §9.3): if these are rejected, no rejection means anything.
enum BaselineCases {
    static let all: [ProbeCase] = [
        ProbeCase(
            .baseline, 1, "Valid batch.succeeded delivery shaped like the guide's example",
            rule: "A correctly signed, fresh delivery is accepted with 2xx within a few seconds.",
            reference: "SPEC §3.1, §6", severity: .critical, expect: .deliver
        ) { try $0.valid() },
        ProbeCase(
            .baseline, 2, "Valid interaction.completed delivery",
            rule: "A correctly signed, fresh delivery is accepted with 2xx within a few seconds.",
            reference: "SPEC §3.1, §6", severity: .critical, expect: .deliver
        ) { try $0.valid(body: EnvelopeText.standard(type: "interaction.completed", context: $0)) },
        ProbeCase(
            .baseline, 3, "Valid batch.failed delivery with error members",
            rule: "A correctly signed, fresh delivery is accepted with 2xx within a few seconds.",
            reference: "SPEC §3.1, §5, §6", severity: .critical, expect: .deliver
        ) { try $0.valid(body: EnvelopeText.standard(type: "batch.failed", context: $0)) },
    ]
}
