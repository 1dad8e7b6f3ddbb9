//! Placeholder: the history walk lands here.
