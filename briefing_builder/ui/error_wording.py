"""How the app says an error: the hints of :class:`~briefing_builder.errors.BriefingError` in the app's words.

Domain errors name the step a user should take as a :class:`~briefing_builder.errors.Do`; the
command line words it with options (``--pack``), the app with what is on the screen. Every
place the app shows an error — the exception hook, each background task's failure — goes
through :func:`app_message`.
"""

from __future__ import annotations

from briefing_builder.errors import BriefingError, Do, Wording

#: The app's words for each step a hint asks for.
APP_WORDING: Wording = {
    Do.CHOOSE_PACK: "open the pack it was made for and try again.",
    Do.CHOOSE_STORE: "open the store that has it.",
    Do.POINT_AT_STORE: "Choose a folder that holds a {store_file}.",
    Do.USE_PACK_MADE_FOR: "Open the pack '{made_for}' and try again.",
    Do.COPY_STORE: "Use Copy the bundled store to… (offered when you edit the library) and work on the copy.",
}


def app_message(error: BriefingError) -> str:
    """``error`` as the app shows it: location, what is wrong, what to do (in the app's words)."""
    return error.worded(APP_WORDING)
