"""The question generator, a pure pipeline whose modules are its stages, in this order.

read (package: upload or link → text and metadata) → segment (paragraphs, headings, sentences)
→ analyse (spaCy and the entity rule layer) → select (facts and arguments worth asking)
→ realise (cloze, wh-questions, true/false, argument items) → distractors (same-kind options)
→ gate (hard quality checks, with reasons) → rank (the fitted model; the bank's order).
`pipeline.generate` runs them; each stage takes and returns plain dataclasses and never calls
back up the chain. Importing this package loads nothing heavy: spaCy loads on first analysis.
"""
