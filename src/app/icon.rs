//! The window icon, decoded from the PNG in `assets/`.

use std::io::Cursor;

/// The icon's PNG bytes, built into the binary.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// The decoded icon, or `None` if the PNG is not 8-bit RGBA (then the window has no icon).
pub fn icon_data() -> Option<egui::IconData> {
    let decoder = png::Decoder::new(Cursor::new(ICON_PNG));
    let mut reader = decoder.read_info().ok()?;
    let mut rgba = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut rgba).ok()?;
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    rgba.truncate(info.buffer_size());
    Some(egui::IconData {
        rgba,
        width: info.width,
        height: info.height,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_decodes_as_rgba() {
        let icon = super::icon_data().unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
