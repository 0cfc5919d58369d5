"""The main window's furniture, split out of ``ui/main_window.py``: actions declared as data
(:mod:`.actions`), the menu bar and toolbar built from those declarations (:mod:`.menus`), the status
bar with its progress and Cancel (:mod:`.status`), the error banner with its choices (:mod:`.banner`),
docks (:mod:`.docks`) and the help boxes (:mod:`.help`). ``MainWindow`` assembles them and keeps its
public attribute names (``actions_by_name``, ``menus``, ``toolbar``, ``banner``, ``counts_label`` …).
GUI thread only."""
