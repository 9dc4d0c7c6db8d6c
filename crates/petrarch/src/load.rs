//! Loading a PETRARCH/TABARI dictionary set from files or a folder.

use std::path::{Path, PathBuf};

use dyad_dict::DictError;

use crate::Coder;

/// Why a dictionary set could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: cannot read the folder: {1}")]
    Folder(String, std::io::Error),
    #[error("{dir}: needs exactly one verb dictionary (*verbs* or CAMEO*), found {found}")]
    Verbs { dir: String, found: usize },
    #[error("{0}: no actor dictionary (*.actors*)")]
    NoActors(String),
    #[error(transparent)]
    Dict(#[from] DictError),
}

/// A coder and how many dictionary lines could not be read (each one is
/// listed by `dyad dict check`).
pub struct Loaded {
    pub coder: Coder,
    pub unreadable_lines: usize,
}

/// A coder from PETRARCH dictionary files.
pub fn load_files(
    verbs_path: &Path,
    actor_files: &[PathBuf],
    agent_files: &[PathBuf],
    discard_files: &[PathBuf],
) -> Result<Loaded, LoadError> {
    let mut problems = 0;
    // PETRARCH-1 verb files carry synsets; PETRARCH-2's mark patterns with `~`.
    let verbs = if std::fs::read_to_string(verbs_path)
        .map(|t| t.contains("<!-- SYNSETS -->") || !t.contains("~ "))
        .unwrap_or(true)
    {
        dyad_dict::read_verbs_petrarch1(verbs_path)
    } else {
        dyad_dict::read_verbs_petrarch2(verbs_path)
    }?;
    problems += verbs.errors.len();
    let mut actors = Vec::new();
    for p in actor_files {
        let l = dyad_dict::read_petrarch_actors(p)?;
        problems += l.errors.len();
        actors.extend(l.value);
    }
    let mut agents = Vec::new();
    for p in agent_files {
        let l = dyad_dict::read_petrarch_agents(p)?;
        problems += l.errors.len();
        agents.extend(l.value);
    }
    let mut discards = Vec::new();
    for p in discard_files {
        let l = dyad_dict::read_discards(p)?;
        problems += l.errors.len();
        discards.extend(l.value);
    }
    Ok(Loaded {
        coder: Coder::new(&verbs.value, actors, &agents, &discards),
        unreadable_lines: problems,
    })
}

/// A coder from a folder of PETRARCH dictionaries, recognised by name as
/// PETRARCH's own are: one verb file (`*verbs*` or `CAMEO*`), and any
/// `*.actors*`, `*agents*` and `*discards*` files.
pub fn load_dir(dir: &Path) -> Result<Loaded, LoadError> {
    let shown = dir.display().to_string();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| LoadError::Folder(shown.clone(), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let name = |p: &PathBuf| {
        p.file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    let verbs: Vec<&PathBuf> = files
        .iter()
        .filter(|p| name(p).contains("verbs") || name(p).starts_with("cameo"))
        .collect();
    if verbs.len() != 1 {
        return Err(LoadError::Verbs {
            dir: shown,
            found: verbs.len(),
        });
    }
    let pick = |key: &str| -> Vec<PathBuf> {
        files
            .iter()
            .filter(|p| name(p).contains(key))
            .cloned()
            .collect()
    };
    let actors = pick(".actors");
    if actors.is_empty() {
        return Err(LoadError::NoActors(shown));
    }
    load_files(verbs[0], &actors, &pick("agents"), &pick("discards"))
}
