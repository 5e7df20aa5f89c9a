//! From database rows to wire types. Rows never derive `Serialize`: this is the one place
//! where what is stored becomes what is published.

use std::str::FromStr;

use db::citizens::Citizen;
use db::offices::Office;
use db::territory::{Comune, Province, Region};
use db::topics::Topic;
use types::citizens::{CitizenDto, Place, Residence};
use types::ids::{CitizenId, OfficeId, TopicId};
use types::offices::OfficeDto;
use types::territory::{ComuneDto, ProvinceDto, RegionRef};
use types::topics::TopicDto;
use types::{OfficeKind, RequestKind};

use crate::error::ApiError;

/// Parses a code stored in the database; a bad one is a defect, not user error.
pub fn stored<T: FromStr>(column: &str, value: &str) -> Result<T, ApiError> {
    T::from_str(value)
        .map_err(|_| ApiError::Internal(format!("unexpected value {value:?} in {column}")))
}

/// Conversion of a row into its wire type.
pub trait IntoDto {
    /// The wire type.
    type Dto;
    /// Converts.
    fn into_dto(self) -> Result<Self::Dto, ApiError>;
}

impl IntoDto for Region {
    type Dto = RegionRef;
    fn into_dto(self) -> Result<RegionRef, ApiError> {
        Ok(RegionRef {
            code: self.code,
            name: self.name,
        })
    }
}

impl IntoDto for Province {
    type Dto = ProvinceDto;
    fn into_dto(self) -> Result<ProvinceDto, ApiError> {
        Ok(ProvinceDto {
            code: self.code,
            name: self.name,
            region: self.region.into_dto()?,
        })
    }
}

impl IntoDto for Comune {
    type Dto = ComuneDto;
    fn into_dto(self) -> Result<ComuneDto, ApiError> {
        Ok(ComuneDto {
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
        })
    }
}

impl IntoDto for Office {
    type Dto = OfficeDto;
    fn into_dto(self) -> Result<OfficeDto, ApiError> {
        let display_name = format!(
            "{} — {}, {} {}",
            self.name, self.address, self.cap, self.comune
        );
        Ok(OfficeDto {
            id: OfficeId(self.id),
            kind: stored::<OfficeKind>("inps_offices.kind", &self.kind)?,
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
        })
    }
}

impl IntoDto for Topic {
    type Dto = TopicDto;
    fn into_dto(self) -> Result<TopicDto, ApiError> {
        let mut request_kinds = Vec::new();
        if self.for_citizen {
            request_kinds.push(RequestKind::Citizen);
        }
        if self.for_regional {
            request_kinds.push(RequestKind::Regional);
        }
        Ok(TopicDto {
            id: TopicId(self.id),
            code: self.code,
            label: self.label,
            request_kinds,
        })
    }
}

impl IntoDto for Citizen {
    type Dto = CitizenDto;
    fn into_dto(self) -> Result<CitizenDto, ApiError> {
        Ok(CitizenDto {
            id: CitizenId(self.id),
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
        })
    }
}

/// Converts every row of a list.
pub fn all<R: IntoDto>(rows: Vec<R>) -> Result<Vec<R::Dto>, ApiError> {
    rows.into_iter().map(IntoDto::into_dto).collect()
}
