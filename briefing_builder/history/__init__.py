"""The store's history: git through dulwich (pure Python, no git installation needed).

* :mod:`.repository` — open or start a store's repository, save points (commits of the
  store's files), reading files as they were at any commit;
* :mod:`.exports` — one commit and one annotated tag per export, listed and resolved
  (``EXPORT|DATE|REF``), and the pack file's ``exports:`` record;
* :mod:`.snapshot` — the store as it was at a commit, as a folder the loader reads;
* :mod:`.word_diff` — markup-aware word diff of two texts;
* :mod:`.changes` — what changed, between two store states, in the records a pack shows;
* :mod:`.slides` — a change report as the plain block a ``type: changes`` section draws.
"""
