//! The bare eframe window that start-up is measured against (`tools/startup.sh`): the same
//! crates, renderer, profile and window options as Briefing, and nothing else to do.

fn main() -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare window")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native("Bare window", native, Box::new(|_cc| Ok(Box::new(Bare))))
}

struct Bare;

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.label("A bare window.");
    }
}
