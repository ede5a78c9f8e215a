"""The optional LLM engine: prompts → OpenAI-compatible endpoint → grounding → gate and rank.

Only client.py does I/O; every other module is pure. Candidates from the model enter the rule
pipeline's gate and rank stages, with quotes located in the article by this code (DESIGN §4).
"""
