fn main() {
    fw_core::start();
}
