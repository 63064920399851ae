//! Text in any script: egui's own fonts cover Latin, Greek and Cyrillic only, so a path or a
//! label in Chinese (or Arabic, Devanagari, ...) would show as boxes. When egui meets a
//! character none of its fonts has, it asks the provider installed here, which finds an
//! installed system font with that glyph through fontconfig (egui's own
//! `egui_system_font_provider`). The system's fonts are enumerated only then, on the first
//! such character, never for a window that shows only Latin text.

use std::sync::{Arc, OnceLock};

use egui::{FallbackRequest, FontInsert, FontProvider};
use egui_system_font_provider::SystemFontProvider;

/// Finds system fonts on demand, starting the search for them only when first asked.
#[derive(Default)]
struct OnDemand(OnceLock<SystemFontProvider>);

impl FontProvider for OnDemand {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        self.0
            .get_or_init(SystemFontProvider::new)
            .font_for(request)
    }
}

/// Lets `ctx` fall back to system fonts for characters its own fonts lack.
pub fn install_fallback(ctx: &egui::Context) {
    ctx.add_font_provider(Arc::new(OnDemand::default()));
}
