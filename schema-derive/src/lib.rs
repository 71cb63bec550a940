//! `derive(Schema)`: a struct's validation table, read from its fields and their serde
//! attributes (see `src/validation.rs` in the classify-sdk crate, which defines the `Schema`
//! trait, the shapes and the interpreter that walks them).
//!
//! For each struct with named fields it emits an `impl crate::validation::Schema` with:
//! - `SHAPE`: the wire names in declaration order (serde's `rename` applied) and each field's
//!   shape, taken from the field type's own `Schema` impl (so the macro never guesses a type);
//! - `take`: the constructor that moves the checked values off the interpreter's tape, field
//!   by field in the same order.
//!
//! Type parameters get a `Schema` bound. Any serde attribute other than a field's
//! `rename = "…"` and `default` is refused with a `compile_error!`, so a table can never
//! silently disagree with what serde would do (`flatten`, `untagged`, `deserialize_with`,
//! `rename_all`, `skip`, `alias`, …). `default` is accepted only on an `Option` or `JsAny`
//! field: the interpreter hands every declared field over, an absent one as `undefined`,
//! which those two take as their default; any other type has no table default.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::quote;
use syn::spanned::Spanned;
use syn::{parse_macro_input, Data, DeriveInput, Error, Fields, LitStr, Type};

/// Derives `crate::validation::Schema` for a struct with named fields.
#[proc_macro_derive(Schema, attributes(serde))]
pub fn derive_schema(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> Result<Tokens, Error> {
    for attr in &input.attrs {
        if attr.path().is_ident("serde") {
            return Err(Error::new(
                attr.span(),
                "derive(Schema) does not read container serde attributes (rename_all, \
                 untagged, deny_unknown_fields, ...): the table would not match serde",
            ));
        }
    }
    let Data::Struct(data) = &input.data else {
        return Err(Error::new(
            Span::call_site(),
            "derive(Schema) reads structs with named fields only",
        ));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(Error::new(
            Span::call_site(),
            "derive(Schema) reads structs with named fields only",
        ));
    };

    let mut names = Vec::new();
    let mut types = Vec::new();
    let mut idents = Vec::new();
    for field in &fields.named {
        let ident = field.ident.clone().expect("named field");
        let mut wire = ident.to_string();
        if let Some(raw) = wire.strip_prefix("r#") {
            wire = raw.to_owned();
        }
        let mut default = false;
        for attr in &field.attrs {
            if !attr.path().is_ident("serde") {
                continue;
            }
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let value = meta
                        .value()
                        .map_err(|_| meta.error("derive(Schema) reads `rename = \"name\"` only"))?;
                    let name: LitStr = value.parse()?;
                    wire = name.value();
                    Ok(())
                } else if meta.path.is_ident("default") {
                    if !meta.input.is_empty() && !meta.input.peek(syn::Token![,]) {
                        return Err(meta.error(
                            "derive(Schema) reads a bare `default` only (no default function)",
                        ));
                    }
                    default = true;
                    Ok(())
                } else {
                    Err(meta.error(
                        "derive(Schema) does not understand this serde attribute: only \
                         `rename = \"name\"` and `default` are table-expressible",
                    ))
                }
            })?;
        }
        if default && !defaults_to_absent(&field.ty) {
            return Err(Error::new(
                field.ty.span(),
                "derive(Schema): `default` on a field that is neither an Option nor a JsAny \
                 (an absent field is `undefined`, which only those two accept)",
            ));
        }
        names.push(wire);
        types.push(field.ty.clone());
        idents.push(ident);
    }

    let name = &input.ident;
    let mut generics = input.generics.clone();
    for param in generics.type_params_mut() {
        param
            .bounds
            .push(syn::parse_quote!(crate::validation::Schema));
    }
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics crate::validation::Schema for #name #type_generics #where_clause {
            const SHAPE: &'static crate::validation::Shape =
                &crate::validation::Shape::Struct(&crate::validation::Table {
                    names: &[#(#names),*],
                    shapes: &[#(<#types as crate::validation::Schema>::SHAPE),*],
                });

            #[inline]
            fn take(tape: &mut crate::validation::Tape) -> Self {
                Self {
                    #(#idents: <#types as crate::validation::Schema>::take(tape),)*
                }
            }
        }
    })
}

/// Whether a field type is one an absent (`undefined`) value fits: `Option<…>` or `JsAny`,
/// by the last segment of its path.
fn defaults_to_absent(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "Option" || last.ident == "JsAny"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::expand;
    use syn::parse_quote;

    /// The message `expand` refuses `input` with.
    fn refusal(input: syn::DeriveInput) -> String {
        match expand(&input) {
            Err(error) => error.to_string(),
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn serde_attributes_a_table_cannot_express_are_refused() {
        let refused = [
            refusal(parse_quote! { struct A { #[serde(flatten)] inner: Inner } }),
            refusal(parse_quote! { struct A { #[serde(deserialize_with = "f")] x: Option<f64> } }),
            refusal(parse_quote! { struct A { #[serde(alias = "y")] x: Option<f64> } }),
            refusal(parse_quote! { struct A { #[serde(skip)] x: Option<f64> } }),
            refusal(parse_quote! { struct A { #[serde(default = "zero")] x: Option<f64> } }),
        ];
        for message in &refused[..4] {
            assert!(message.contains("does not understand"), "{message}");
        }
        assert!(refused[4].contains("bare `default`"), "{}", refused[4]);
        let container = refusal(parse_quote! {
            #[serde(rename_all = "camelCase")]
            struct A { x: Option<f64> }
        });
        assert!(
            container.contains("container serde attributes"),
            "{container}"
        );
        let untagged = refusal(parse_quote! { #[serde(untagged)] enum A { X(f64) } });
        assert!(
            untagged.contains("container serde attributes"),
            "{untagged}"
        );
    }

    #[test]
    fn a_default_only_on_what_an_absent_field_fits() {
        let message = refusal(parse_quote! { struct A { #[serde(default)] x: f64 } });
        assert!(
            message.contains("neither an Option nor a JsAny"),
            "{message}"
        );
        assert!(expand(&parse_quote! { struct A { #[serde(default)] x: Option<f64> } }).is_ok());
        assert!(expand(&parse_quote! { struct A { #[serde(default)] x: JsAny } }).is_ok());
    }

    #[test]
    fn enums_and_tuple_structs_are_refused() {
        assert!(refusal(parse_quote! { enum A { X } }).contains("named fields only"));
        assert!(refusal(parse_quote! { struct A(f64); }).contains("named fields only"));
    }

    #[test]
    fn renames_become_the_wire_names_in_declaration_order() {
        let tokens = expand(&parse_quote! {
            struct A<T> {
                #[serde(rename = "type")]
                kind: String,
                r#ref: Option<T>,
                #[serde(rename = "maxPages", default)]
                max_pages: Option<u32>,
            }
        })
        .unwrap()
        .to_string();
        assert!(
            tokens.contains(r#"names : & ["type" , "ref" , "maxPages"]"#),
            "{tokens}"
        );
        assert!(
            tokens.contains("T : crate :: validation :: Schema"),
            "{tokens}"
        );
    }
}
