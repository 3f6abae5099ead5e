//! Structural edits of the report's lists (sections, paragraphs, recipients,
//! staff titles, tasks) and the paths that name their parts.
//!
//! The editor's buttons (add, remove, move up, move down) call these; the
//! paths they produce are the `name`s of the inputs and the JSON paths of
//! the values, so tests and tools can find every field.

use crate::report::{Block, Narrative, Section};

/// Moves item `index` one place up (`-1`) or down (`+1`). Returns its new
/// index, or `None` when it cannot move.
pub fn move_item<T>(items: &mut [T], index: usize, offset: isize) -> Option<usize> {
    let target = index.checked_add_signed(offset)?;
    if index >= items.len() || target >= items.len() {
        return None;
    }
    items.swap(index, target);
    Some(target)
}

/// Removes item `index` if it exists.
pub fn remove_item<T>(items: &mut Vec<T>, index: usize) -> Option<T> {
    (index < items.len()).then(|| items.remove(index))
}

/// Which list of blocks: before the parts, after them, or in a section
/// given by its path of indexes (`[0, 2]`: part I, its section 3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BlockList {
    Preamble,
    Closing,
    Section(Vec<usize>),
}

impl BlockList {
    /// The JSON path of the list: `narrative.parts.0.subsections.2.blocks`.
    pub fn path(&self) -> String {
        match self {
            BlockList::Preamble => "narrative.preamble".to_owned(),
            BlockList::Closing => "narrative.closing".to_owned(),
            BlockList::Section(path) => format!("{}.blocks", section_path(path)),
        }
    }
}

/// The JSON path of a section: `narrative.parts.0.subsections.2`.
pub fn section_path(path: &[usize]) -> String {
    let mut text = String::from("narrative.parts");
    for (depth, index) in path.iter().enumerate() {
        if depth > 0 {
            text.push_str(".subsections");
        }
        text.push_str(&format!(".{index}"));
    }
    text
}

impl Narrative {
    /// Calls `visit` with every block: preamble, each section's in order,
    /// closing.
    pub fn walk_blocks(&self, visit: &mut dyn FnMut(&Block)) {
        fn walk(sections: &[Section], visit: &mut dyn FnMut(&Block)) {
            for section in sections {
                section.blocks.iter().for_each(&mut *visit);
                walk(&section.subsections, visit);
            }
        }
        self.preamble.iter().for_each(&mut *visit);
        walk(&self.parts, visit);
        self.closing.iter().for_each(&mut *visit);
    }

    pub fn section(&self, path: &[usize]) -> Option<&Section> {
        let (first, rest) = path.split_first()?;
        rest.iter()
            .try_fold(self.parts.get(*first)?, |section, index| {
                section.subsections.get(*index)
            })
    }

    pub fn section_mut(&mut self, path: &[usize]) -> Option<&mut Section> {
        let (first, rest) = path.split_first()?;
        let mut section = self.parts.get_mut(*first)?;
        for index in rest {
            section = section.subsections.get_mut(*index)?;
        }
        Some(section)
    }

    /// The list holding the section at `path`: the parts, or a section's subsections.
    pub fn siblings_mut(&mut self, path: &[usize]) -> Option<&mut Vec<Section>> {
        match path.split_last() {
            None => None,
            Some((_, [])) => Some(&mut self.parts),
            Some((_, parent)) => self.section_mut(parent).map(|s| &mut s.subsections),
        }
    }

    pub fn blocks(&self, list: &BlockList) -> Option<&Vec<Block>> {
        match list {
            BlockList::Preamble => Some(&self.preamble),
            BlockList::Closing => Some(&self.closing),
            BlockList::Section(path) => self.section(path).map(|s| &s.blocks),
        }
    }

    pub fn blocks_mut(&mut self, list: &BlockList) -> Option<&mut Vec<Block>> {
        match list {
            BlockList::Preamble => Some(&mut self.preamble),
            BlockList::Closing => Some(&mut self.closing),
            BlockList::Section(path) => self.section_mut(path).map(|s| &mut s.blocks),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample;

    #[test]
    fn moving_and_removing_stay_in_bounds() {
        let mut items = vec!['a', 'b', 'c'];
        assert_eq!(move_item(&mut items, 0, -1), None);
        assert_eq!(move_item(&mut items, 2, 1), None);
        assert_eq!(move_item(&mut items, 5, -1), None);
        assert_eq!(move_item(&mut items, 0, 1), Some(1));
        assert_eq!(items, ['b', 'a', 'c']);
        assert_eq!(move_item(&mut items, 2, -1), Some(1));
        assert_eq!(items, ['b', 'c', 'a']);
        assert_eq!(remove_item(&mut items, 3), None);
        assert_eq!(remove_item(&mut items, 1), Some('c'));
        assert_eq!(items, ['b', 'a']);
    }

    #[test]
    fn paths_name_the_json() {
        assert_eq!(section_path(&[0]), "narrative.parts.0");
        assert_eq!(
            section_path(&[0, 2, 3]),
            "narrative.parts.0.subsections.2.subsections.3"
        );
        assert_eq!(
            BlockList::Section(vec![1, 0]).path(),
            "narrative.parts.1.subsections.0.blocks"
        );
        assert_eq!(BlockList::Preamble.path(), "narrative.preamble");

        let report = sample();
        let json = serde_json::to_value(&report).unwrap();
        let pointer = |path: &str| format!("/{}", path.replace('.', "/"));
        let list = BlockList::Section(vec![0, 2, 3]);
        let blocks = report.narrative.blocks(&list).unwrap();
        assert_eq!(
            json.pointer(&pointer(&list.path())).unwrap(),
            &serde_json::to_value(blocks).unwrap()
        );
        assert_eq!(
            report.narrative.section(&[0, 2, 3]).unwrap().title,
            "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC tại “Một cửa” UBND phường"
        );
        assert!(report.narrative.section(&[0, 9]).is_none());
        assert!(report.narrative.section(&[]).is_none());
    }

    #[test]
    fn sections_are_found_for_editing() {
        let mut report = sample();
        let narrative = &mut report.narrative;
        assert_eq!(narrative.siblings_mut(&[1]).unwrap().len(), 2);
        assert_eq!(narrative.siblings_mut(&[0, 3]).unwrap().len(), 7);
        assert!(narrative.siblings_mut(&[]).is_none());
        narrative.section_mut(&[1, 0]).unwrap().title = "Ưu điểm nổi bật".into();
        assert_eq!(narrative.section(&[1, 0]).unwrap().title, "Ưu điểm nổi bật");
        let closing = narrative.blocks_mut(&BlockList::Closing).unwrap();
        assert_eq!(closing.len(), 1);
    }
}
