//! From database rows to wire types. Rows never derive `Serialize`: this is the one place
//! where what is stored becomes what is published.

use db::citizens::Citizen;
use db::offices::Office;
use db::territory::{Comune, Province, Region};
use db::topics::Topic;
use types::citizens::{CitizenDto, Place, Residence};
use types::offices::OfficeDto;
use types::territory::{ComuneDto, ProvinceDto, RegionRef};
use types::topics::TopicDto;
use types::RequestKind;

/// Conversion of a row into its wire type.
pub trait IntoDto {
    /// The wire type.
    type Dto;
    /// Converts.
    fn into_dto(self) -> Self::Dto;
}

impl IntoDto for Region {
    type Dto = RegionRef;
    fn into_dto(self) -> RegionRef {
        RegionRef {
            code: self.code,
            name: self.name,
        }
    }
}

impl IntoDto for Province {
    type Dto = ProvinceDto;
    fn into_dto(self) -> ProvinceDto {
        ProvinceDto {
            code: self.code,
            name: self.name,
            region: self.region.into_dto(),
        }
    }
}

impl IntoDto for Comune {
    type Dto = ComuneDto;
    fn into_dto(self) -> ComuneDto {
        ComuneDto {
            istat_code: self.istat_code,
            cadastral_code: self.cadastral_code,
            name: self.name,
            province_code: self.province_code,
            province_name: self.province_name,
            region: RegionRef {
                code: self.region_code,
                name: self.region_name,
            },
            caps: self.caps,
        }
    }
}

impl IntoDto for Office {
    type Dto = OfficeDto;
    fn into_dto(self) -> OfficeDto {
        let display_name = format!(
            "{} — {}, {} {}",
            self.name, self.address, self.cap, self.comune
        );
        OfficeDto {
            id: self.id,
            kind: self.kind,
            code: self.code,
            name: self.name,
            region: RegionRef {
                code: self.region_code,
                name: self.region_name,
            },
            province_code: self.province_code,
            address: self.address,
            cap: self.cap,
            comune: self.comune,
            display_name,
        }
    }
}

impl IntoDto for Topic {
    type Dto = TopicDto;
    fn into_dto(self) -> TopicDto {
        let mut request_kinds = Vec::new();
        if self.for_citizen {
            request_kinds.push(RequestKind::Citizen);
        }
        if self.for_regional {
            request_kinds.push(RequestKind::Regional);
        }
        TopicDto {
            id: self.id,
            code: self.code,
            label: self.label,
            request_kinds,
        }
    }
}

impl IntoDto for Citizen {
    type Dto = CitizenDto;
    fn into_dto(self) -> CitizenDto {
        CitizenDto {
            id: self.id,
            codice_fiscale: self.codice_fiscale,
            surname: self.surname,
            name: self.name,
            birth_date: self.birth_date,
            sex: self.sex,
            birth_place: Place {
                comune: self.birth_comune,
                province: self.birth_province,
            },
            residence: Residence {
                address: self.residence_address,
                comune: self.residence_comune,
                province: self.residence_province,
                cap: self.residence_cap,
            },
        }
    }
}

/// Converts every row of a list.
pub fn all<R: IntoDto>(rows: Vec<R>) -> Vec<R::Dto> {
    rows.into_iter().map(IntoDto::into_dto).collect()
}

impl IntoDto for db::attachments::Attachment {
    type Dto = types::attachments::AttachmentDto;
    fn into_dto(self) -> types::attachments::AttachmentDto {
        types::attachments::AttachmentDto {
            id: self.id,
            file_name: self.file_name,
            content_type: self.content_type,
            size_bytes: self.size_bytes,
            sha256: self.sha256,
            created_at: self.created_at.and_utc(),
            request_id: self.request_id,
            message_id: self.message_id,
            linked_at: self.linked_at.map(|at| at.and_utc()),
            expires_at: self.expires_at.map(|at| at.and_utc()),
        }
    }
}
