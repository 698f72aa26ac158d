#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}
pub fn find_date(_text: &str) -> Option<FoundDate> {
    None
}
pub fn find_date_in_url(_url: &str) -> Option<FoundDate> {
    None
}
