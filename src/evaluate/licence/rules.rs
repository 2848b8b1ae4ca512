//! Rules of the licence family: permits that are recorded but cannot be genuine.
//!
//! Each rule is documented where it is defined: what it detects, why, the legal basis and what to do.
//! `RULES` lists them in the order reports show them; an id, once published, stays here for good.

use crate::findings::rules::{Family, Level, Rule};

/// A sales permit dated after the last day permits were issued.
pub const PERMIT_NOT_GENUINE: Rule = Rule {
    id: "licence-permit-not-genuine",
    name: "SalesPermitCannotBeGenuine",
    family: Family::Licence,
    default_level: Level::Error,
    summary: "A MPS sales permit recorded for a component is dated after 2023-06-30, when permits stopped being issued, so it cannot be genuine.",
    description: "From 2023-07-01 the sales permit for computer information system security products (销售许可证) is no longer \
issued (2023年第1号, point 二). A permit whose issue date is later is either recorded wrongly or not genuine; it is not \
evidence for the product.",
    help: concat!(
        "**What to do.** Check the permit with the supplier. A product without valid evidence needs security certification or ",
        "testing before it is sold.\n\n",
        "**Legal basis.** 《关于调整网络安全专用产品安全管理有关事项的公告》（2023年第1号）point 二: ",
        "*停止颁发《计算机信息系统安全专用产品销售许可证》，产品生产者无需申领。此前已经获得销售许可证的产品在有效期内可继续销售或者提供。*"
    ),
};

/// The rules of this family, in the order reports list them.
pub const RULES: &[&Rule] = &[&PERMIT_NOT_GENUINE];
