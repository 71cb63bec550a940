//! The providers' shared vocabulary: where a status leaves a job (each provider's `phase()`
//! maps its statuses onto it; `polling` stops on it).

/// Where a status leaves a job.
#[derive(PartialEq, Eq, Clone, Copy)]
pub enum Phase {
    /// Still queued or running (including statuses this SDK does not know).
    InProgress,
    /// Finished successfully.
    Succeeded,
    /// Finished without a result (failed or cancelled).
    Failed,
}
