"""Hedges and commitments decided by a trained model: rules and a cue vocabulary propose candidates
(``features``), a calibrated logistic regression decides each one (``classifier``), and the
``stance_decider`` component turns the decisions into marks that explain themselves (``decider``).
Training: ``models/tools/train_stance.py`` (``python3 dev.py train``)."""
