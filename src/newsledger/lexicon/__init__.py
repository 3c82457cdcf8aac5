"""Words and name keys shared by ``extract`` and ``ledger`` (below both; imports nothing of theirs).

- :mod:`.words`: the lexicon (titles, organisation words, countries, cue verbs, ordinals);
- :mod:`.names`: explainable keys that say when two written names denote one person,
  organisation or place, used within an article and across articles alike.
"""
